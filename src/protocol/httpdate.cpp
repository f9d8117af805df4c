#include "httpdate.h"

#include <QLocale>
#include <QTimeZone>

namespace mall::protocol {

namespace {

const QString kFormat = QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'");

} // namespace

QByteArray formatHttpDate(const QDateTime &time)
{
    return QLocale::c().toString(time.toUTC(), kFormat).toLatin1();
}

QDateTime parseHttpDate(const QByteArray &text)
{
    QDateTime time = QLocale::c().toDateTime(QString::fromLatin1(text.trimmed()), kFormat);
    if (!time.isValid())
        return {};
    time.setTimeZone(QTimeZone::utc());
    return time;
}

} // namespace mall::protocol
