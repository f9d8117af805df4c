#include "apirequest.h"

namespace mall::server {

QByteArray ApiRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (name.compare(key, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QString ApiRequest::origin() const
{
    const QByteArray host = header("Host");
    return QStringLiteral("http://") + QString::fromLatin1(host.isEmpty() ? "127.0.0.1" : host);
}

bool ApiRequest::prefersEnglish() const
{
    const QByteArray language = header("Accept-Language").trimmed().toLower();
    return language.startsWith("en");
}

QString ApiRequest::text(const char *chinese, const char *english) const
{
    return prefersEnglish() ? QString::fromUtf8(english) : QString::fromUtf8(chinese);
}

} // namespace mall::server
