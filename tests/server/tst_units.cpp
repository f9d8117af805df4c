#include "protocol/httpdate.h"
#include "protocol/jwtpayload.h"
#include "server/router.h"
#include <QTest>
#include <QTimeZone>
#include <ctime>
using namespace mall;
class Tstunits : public QObject
{
    Q_OBJECT
private slots:
    void probe()
    {
        qDebug() << protocol::parseHttpDate("Sun, 29 Mar 2020 02:30:00 GMT");
        qputenv("TZ", "Europe/Berlin");
        tzset();
        qDebug() << QDateTime::currentDateTime().timeZoneAbbreviation();
        qDebug() << protocol::parseHttpDate("Sun, 29 Mar 2020 02:30:00 GMT");
        qDebug() << protocol::parseHttpDate("Sun, 29 Mar 2020 01:30:00 GMT");
        qDebug() << protocol::parseHttpDate("Sun, 25 Oct 2020 02:30:00 GMT");
        qDebug() << protocol::parseHttpDate("Mon, 06 Nov 1994 08:49:37 GMT");
        qDebug() << protocol::parseHttpDate("sun, 06 nov 1994 08:49:37 gmt");
        qDebug() << protocol::parseHttpDate("Sun, 6 Nov 1994 08:49:37 GMT");
        qDebug() << protocol::formatHttpDate(QDateTime());
        qputenv("TZ", "UTC");
        tzset();
        QByteArray pl = QByteArray("{\"a\":1}").toBase64();
        qDebug() << pl << protocol::readJwtPayload("x." + pl + ".y").has_value();
        QByteArray pl2 = QByteArray("{\"a\":12}").toBase64();
        qDebug() << pl2 << protocol::readJwtPayload("x." + pl2 + ".y").has_value();
        QByteArray pl3 = QByteArray("{\"a\":\"\xff\xfe\"}").toBase64();
        qDebug() << pl3 << protocol::readJwtPayload("x." + pl3 + ".y").has_value();
        qDebug() << protocol::readJwtPayload("x.e30 .y").has_value();
        qDebug() << protocol::accessClaimsFrom(QJsonObject{{"sub", " 12 "}, {"sid", "s"}, {"step", 1}, {"iat", 1}, {"exp", 2}}).has_value();
        qDebug() << protocol::accessClaimsFrom(QJsonObject{{"sub", "+12"}, {"sid", "s"}, {"step", 1}, {"iat", 1}, {"exp", 2}}).has_value();
    }
};
QTEST_GUILESS_MAIN(Tstunits)
#include "tst_units.moc"
