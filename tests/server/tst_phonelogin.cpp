#include <QTest>

// Placeholder: replaced by the real test cases.
class Tstphonelogin : public QObject
{
    Q_OBJECT
private slots:
    void placeholder() { QSKIP("not written yet"); }
};

QTEST_GUILESS_MAIN(Tstphonelogin)
#include "tst_phonelogin.moc"
