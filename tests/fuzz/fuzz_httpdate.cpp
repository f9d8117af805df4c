// parseHttpDate: the client reads the server's Date header with it to correct
// its own clock; the header comes from whatever answered.

#include "fuzzcheck.h"

#include "protocol/httpdate.h"

#include <QTimeZone>

using namespace mall::protocol;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text = mall::fuzz::bytes(data, size);
    const QDateTime time = parseHttpDate(text);
    if (!time.isValid())
        return 0;
    // Read in UTC (as a QTimeZone, so timeSpec() says Qt::TimeZone), never local.
    FUZZ_CHECK(time.offsetFromUtc() == 0 && time.timeZone() == QTimeZone::utc());
    // An accepted date prints as IMF-fixdate and reads back as the same time.
    const QByteArray printed = formatHttpDate(time);
    FUZZ_CHECK(printed.size() == 29 && printed.endsWith(" GMT"));
    FUZZ_CHECK(parseHttpDate(printed) == time);
    return 0;
}
