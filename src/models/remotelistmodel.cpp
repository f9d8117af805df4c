#include "remotelistmodel.h"

#include "appcontroller.h"

#include <QJsonArray>

namespace mall::models {

RemoteListModel::RemoteListModel(QStringList roles, QObject *parent)
    : QAbstractListModel(parent)
    , m_roleNames(std::move(roles))
{}

AppController *RemoteListModel::app() const
{
    return AppController::instance();
}

void RemoteListModel::componentComplete()
{
    m_complete = true;
    if (AppController *controller = app()) {
        // Member-only lists appear once the user is one, and go on logout.
        connect(controller, &AppController::userChanged, this, [this] {
            if (requiredStep() > 0)
                reload();
        });
        // Lists held back until the session is ready start then.
        connect(controller, &AppController::readyChanged, this, &RemoteListModel::reload);
    }
    reload();
}

bool RemoteListModel::needsLogin() const
{
    return requiredStep() > 0 && (!app() || app()->authStep() < requiredStep());
}

bool RemoteListModel::hasMore() const
{
    return paged() && m_items.size() < m_total;
}

int RemoteListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

QHash<int, QByteArray> RemoteListModel::roleNames() const
{
    QHash<int, QByteArray> names;
    for (int i = 0; i < m_roleNames.size(); ++i)
        names.insert(Qt::UserRole + i, m_roleNames.at(i).toUtf8());
    return names;
}

QVariant RemoteListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_items.size())
        return {};
    const int column = role - Qt::UserRole;
    if (column < 0 || column >= m_roleNames.size())
        return {};
    return m_items.at(index.row()).value(m_roleNames.at(column));
}

QVariantMap RemoteListModel::get(int row) const
{
    return m_items.value(row);
}

void RemoteListModel::invalidate()
{
    if (!m_complete)
        return;
    if (!m_items.isEmpty())
        clearRows();
    reload();
}

void RemoteListModel::clearRows()
{
    // The total first: a view that sees the rows go asks for more at once
    // if the old total says there are more.
    m_total = 0;
    replaceItems({});
}

QList<QVariantMap> RemoteListModel::rowsFrom(const QJsonArray &items) const
{
    QList<QVariantMap> rows;
    for (const QJsonValue &item : items) {
        if (accepts(item.toObject()))
            rows.append(decorate(item.toObject()));
    }
    return rows;
}

void RemoteListModel::reload()
{
    if (!m_complete)
        return;
    ++m_generation; // answers to earlier requests are dropped
    if (needsLogin() || !app() || !app()->ready()) {
        clearRows();
        m_loading = false;
        m_error.clear();
        emit stateChanged();
        return;
    }
    fetch(1);
}

void RemoteListModel::loadMore()
{
    if (!m_loading && hasMore() && m_error.isEmpty())
        fetch(m_page + 1);
}

void RemoteListModel::fetch(int page)
{
    QUrlQuery params = query();
    if (paged()) {
        params.addQueryItem(QStringLiteral("page"), QString::number(page));
        params.addQueryItem(QStringLiteral("size"), QStringLiteral("20"));
    }
    QString target = path();
    if (!params.isEmpty())
        target += QLatin1Char('?') + params.query(QUrl::FullyEncoded);
    m_loading = true;
    m_error.clear();
    emit stateChanged();
    const quint64 generation = m_generation;
    app()->api().get(target, [this, generation, page](const api::ApiResult &result) {
        if (generation != m_generation)
            return;
        m_loading = false;
        if (!result.ok()) {
            if (result.isNetworkFailure())
                setError(tr("网络不给力，点击重试"));
            else if (result.isServerBusy())
                setError(tr("系统繁忙，点击重试"));
            else
                setError(result.message);
            app()->reportFailure(result);
            return;
        }
        const QJsonObject data = result.object();
        QList<QVariantMap> fresh = rowsFrom(data.value(QLatin1String("items")).toArray());
        m_page = page;
        m_total = paged() ? int(data.value(QLatin1String("total")).toInteger()) : int(fresh.size());
        onAnswer(data);
        if (page == 1) {
            replaceItems(std::move(fresh));
        } else if (!fresh.isEmpty()) {
            beginInsertRows({}, int(m_items.size()), int(m_items.size() + fresh.size() - 1));
            m_items.append(fresh);
            endInsertRows();
            emit countChanged();
        }
        emit stateChanged();
        emit loaded();
    });
}

void RemoteListModel::setError(const QString &error)
{
    m_error = error;
    emit stateChanged();
}

void RemoteListModel::replaceItems(QList<QVariantMap> items)
{
    beginResetModel();
    m_items = std::move(items);
    endResetModel();
    emit countChanged();
}

void RemoteListModel::setItem(int row, const QVariantMap &item)
{
    if (row < 0 || row >= m_items.size())
        return;
    m_items[row] = item;
    emit dataChanged(index(row), index(row));
}

void RemoteListModel::removeItem(int row)
{
    if (row < 0 || row >= m_items.size())
        return;
    beginRemoveRows({}, row, row);
    m_items.removeAt(row);
    endRemoveRows();
    --m_total;
    emit countChanged();
    emit stateChanged();
}

} // namespace mall::models
