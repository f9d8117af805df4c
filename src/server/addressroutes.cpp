#include "bodyreader.h"
#include "loginflow.h"
#include "pathid.h"
#include "protocol/phonenumber.h"
#include "routes.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>

namespace mall::server {

using protocol::ErrorCode;

namespace {

constexpr int kMaxAddresses = 20;

ApiResponse noSuchAddress(const ApiRequest &request)
{
    // The same answer for another user's address and an unknown one.
    return ApiResponse::error(ErrorCode::NotFound,
                              request.text("收货地址不存在", "No such address"));
}

struct Address
{
    qint64 id = 0;
    QString name;
    QString phone;
    QString region;
    QString detail;
    bool isDefault = false;
};

const char kAddressColumns[] = "id, name, phone, region, detail, is_default";

Address addressFrom(const QSqlQuery &row)
{
    return Address{row.value(0).toLongLong(), row.value(1).toString(), row.value(2).toString(),
                   row.value(3).toString(),   row.value(4).toString(), row.value(5).toInt() != 0};
}

QJsonObject addressJson(const Address &address)
{
    return QJsonObject{
        {QLatin1String("id"), address.id},         {QLatin1String("name"), address.name},
        {QLatin1String("phone"), address.phone},   {QLatin1String("region"), address.region},
        {QLatin1String("detail"), address.detail}, {QLatin1String("isDefault"), address.isDefault}};
}

std::optional<Address> findAddress(ServerContext &context, qint64 uid, qint64 id)
{
    // uid in the WHERE: another user's address is not found, never touched.
    QSqlQuery query =
        context.db.exec(QStringLiteral("SELECT %1 FROM addresses WHERE id = ? AND uid = ?")
                            .arg(QLatin1String(kAddressColumns)),
                        {id, uid});
    if (!query.next())
        return std::nullopt;
    return addressFrom(query);
}

// {"items": [Address]}: the default first, then the newest. At most 20, so
// no paging.
QJsonObject addressListJson(ServerContext &context, qint64 uid)
{
    QSqlQuery query =
        context.db.exec(QStringLiteral("SELECT %1 FROM addresses WHERE uid = ? "
                                       "ORDER BY is_default DESC, created_at DESC, id DESC")
                            .arg(QLatin1String(kAddressColumns)),
                        {uid});
    QJsonArray items;
    while (query.next())
        items.append(addressJson(addressFrom(query)));
    return QJsonObject{{QLatin1String("items"), items}};
}

// The body fields of POST (all text fields required) and PUT (every field
// optional: what is absent stays as it is).
struct AddressFields
{
    std::optional<QString> name;
    std::optional<QString> phone;
    std::optional<QString> region;
    std::optional<QString> detail;
    std::optional<bool> isDefault;
};

// Reads and checks the fields; the reason for a 400 in *error. Lengths count
// characters (code points), not UTF-16 units, after trimming: a name of
// spaces is empty.
std::optional<AddressFields> readAddressFields(const ApiRequest &request, bool required,
                                               QString *error)
{
    BodyReader body(request.body);
    AddressFields fields;
    struct Text
    {
        const char *field;
        int maxChars; // 0: checked on its own (phone)
        std::optional<QString> *value;
    };
    const Text texts[] = {{"name", 20, &fields.name},
                          {"phone", 0, &fields.phone},
                          {"region", 100, &fields.region},
                          {"detail", 200, &fields.detail}};
    for (const Text &text : texts) {
        if (required && !body.has(text.field))
            body.string(text.field); // records "field ... is required"
        // The body limit (1 MiB) bounds the text; the real limit is checked below
        // so the message names it.
        *text.value = body.optionalString(text.field, 1024 * 1024);
    }
    fields.isDefault = body.optionalBool("isDefault");
    if (!body.ok()) {
        *error = body.error();
        return std::nullopt;
    }
    for (const Text &text : texts) {
        if (!*text.value)
            continue;
        const QString trimmed = text.value->value().trimmed();
        const qsizetype chars = trimmed.toUcs4().size();
        if (text.maxChars > 0 && (chars < 1 || chars > text.maxChars)) {
            *error = request.prefersEnglish()
                         ? QStringLiteral("field \"%1\" must be 1 to %2 characters")
                               .arg(QLatin1String(text.field))
                               .arg(text.maxChars)
                         : QStringLiteral("字段 \"%1\" 须为 1 到 %2 个字符")
                               .arg(QLatin1String(text.field))
                               .arg(text.maxChars);
            return std::nullopt;
        }
        *text.value = trimmed;
    }
    if (fields.phone && !protocol::isValidPhone(*fields.phone)) {
        *error = request.text("字段 \"phone\" 须为 11 位手机号",
                              "field \"phone\" must be an 11-digit mobile number");
        return std::nullopt;
    }
    return fields;
}

// Makes `id` the user's only default. Call inside a Transaction.
void makeDefault(ServerContext &context, qint64 uid, qint64 id)
{
    context.db.exec(QStringLiteral("UPDATE addresses SET is_default = (id = ?) WHERE uid = ?"),
                    {id, uid});
}

ApiResponse listAddresses(ServerContext &context, const ApiRequest &, const AuthedUser &authed)
{
    return ApiResponse::ok(addressListJson(context, authed.user.uid));
}

ApiResponse createAddress(ServerContext &context, const ApiRequest &request,
                          const AuthedUser &authed)
{
    const qint64 uid = authed.user.uid;
    QString error;
    const std::optional<AddressFields> fields = readAddressFields(request, true, &error);
    if (!fields)
        return badRequest(request, error);

    Transaction transaction(context.db);
    const qint64 count =
        context.db.scalar(QStringLiteral("SELECT COUNT(*) FROM addresses WHERE uid = ?"), {uid})
            .toLongLong();
    if (count >= kMaxAddresses) {
        return ApiResponse::error(
            ErrorCode::Conflict,
            request.text("最多保存 20 个收货地址", "You can keep at most 20 addresses"));
    }
    QSqlQuery inserted = context.db.exec(
        QStringLiteral("INSERT INTO addresses (uid, name, phone, region, detail, is_default, "
                       "created_at) VALUES (?, ?, ?, ?, ?, 0, ?)"),
        {uid, *fields->name, *fields->phone, *fields->region, *fields->detail,
         context.clock.now()});
    const qint64 id = inserted.lastInsertId().toLongLong();
    // A user with addresses always has exactly one default: the first one
    // becomes it whatever isDefault says.
    if (count == 0 || fields->isDefault.value_or(false))
        makeDefault(context, uid, id);
    transaction.commit();
    return ApiResponse::ok(addressJson(findAddress(context, uid, id).value_or(Address{})));
}

ApiResponse updateAddress(ServerContext &context, const ApiRequest &request,
                          const AuthedUser &authed)
{
    const qint64 uid = authed.user.uid;
    const std::optional<qint64> id = pathId(request, QStringLiteral("id"));
    if (!id)
        return noSuchAddress(request);
    QString error;
    const std::optional<AddressFields> fields = readAddressFields(request, false, &error);
    if (!fields)
        return badRequest(request, error);

    Transaction transaction(context.db);
    const std::optional<Address> current = findAddress(context, uid, *id);
    if (!current)
        return noSuchAddress(request);
    // Unsetting the default would leave the user with none; the way to move
    // it is to make another address the default.
    if (current->isDefault && fields->isDefault == false) {
        return ApiResponse::error(
            ErrorCode::Conflict,
            request.text("请将另一个地址设为默认地址", "Make another address the default instead"));
    }
    context.db.exec(QStringLiteral("UPDATE addresses SET name = ?, phone = ?, region = ?, "
                                   "detail = ? WHERE id = ? AND uid = ?"),
                    {fields->name.value_or(current->name), fields->phone.value_or(current->phone),
                     fields->region.value_or(current->region),
                     fields->detail.value_or(current->detail), *id, uid});
    if (fields->isDefault == true && !current->isDefault)
        makeDefault(context, uid, *id);
    transaction.commit();
    return ApiResponse::ok(addressJson(findAddress(context, uid, *id).value_or(Address{})));
}

ApiResponse deleteAddress(ServerContext &context, const ApiRequest &request,
                          const AuthedUser &authed)
{
    const qint64 uid = authed.user.uid;
    const std::optional<qint64> id = pathId(request, QStringLiteral("id"));
    if (!id)
        return noSuchAddress(request);

    Transaction transaction(context.db);
    const std::optional<Address> current = findAddress(context, uid, *id);
    if (!current)
        return noSuchAddress(request);
    context.db.exec(QStringLiteral("DELETE FROM addresses WHERE id = ? AND uid = ?"), {*id, uid});
    if (current->isDefault) {
        // The newest remaining address takes over, so there is still one default.
        const QVariant newest =
            context.db.scalar(QStringLiteral("SELECT id FROM addresses WHERE uid = ? "
                                             "ORDER BY created_at DESC, id DESC LIMIT 1"),
                              {uid});
        if (newest.isValid())
            makeDefault(context, uid, newest.toLongLong());
    }
    transaction.commit();
    return ApiResponse::ok(addressListJson(context, uid));
}

} // namespace

void registerAddressRoutes(Router &router, ServerContext &context)
{
    router.add("GET", QStringLiteral("/api/addresses"), withUser(context, 2, listAddresses));
    router.add("POST", QStringLiteral("/api/addresses"), withUser(context, 2, createAddress));
    router.add("PUT", QStringLiteral("/api/addresses/{id}"), withUser(context, 2, updateAddress));
    router.add("DELETE", QStringLiteral("/api/addresses/{id}"),
               withUser(context, 2, deleteAddress));
}

} // namespace mall::server
