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
    // Date and time are read apart and joined in UTC: read as one, Qt would
    // take them as local time, and a local time that does not exist (the hour
    // skipped in spring) would come back invalid.
    const QString trimmed = QString::fromLatin1(text.trimmed());
    if (!trimmed.endsWith(QLatin1String(" GMT")) || trimmed.size() != 29)
        return {};
    const QDate date = QLocale::c().toDate(trimmed.left(16), QStringLiteral("ddd, dd MMM yyyy"));
    const QTime time = QLocale::c().toTime(trimmed.mid(17, 8), QStringLiteral("hh:mm:ss"));
    if (!date.isValid() || !time.isValid())
        return {};
    return QDateTime(date, time, QTimeZone::utc());
}

} // namespace mall::protocol
