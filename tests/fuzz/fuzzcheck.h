#pragma once

// Shared by the fuzz targets: an invariant that must hold for every input.
// A violation prints what broke and aborts, which libFuzzer reports as a crash
// and saves the input as a reproducer.

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                                      \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "\nfuzz invariant failed: %s\n  at %s:%d\n", #condition,          \
                         __FILE__, __LINE__);                                                      \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)

namespace mall::fuzz {

// The fuzzer's bytes as a QByteArray (a deep copy: ASan then sees reads past
// the end of this buffer, and nothing can keep a pointer into libFuzzer's).
inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
}

} // namespace mall::fuzz
