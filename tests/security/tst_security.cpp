#include <QTest>

// Placeholder: replaced by the real test cases.
class Placeholder : public QObject
{
    Q_OBJECT
private slots:
    void placeholder() { QSKIP("not written yet"); }
};

QTEST_GUILESS_MAIN(Placeholder)
#include "tst_security.moc"
