#pragma once

#include "httpclient.h"

#include <QString>

// The steps most tests need to reach a user at a given auth step, done over
// real HTTP exactly as a client would.
struct TestSession
{
    QByteArray accessToken;
    QByteArray refreshToken;
    qint64 uid = 0;
    int step = 0;
    QString deviceId;
};

// Reads a token-pair answer; uid 0 when the answer is not a pair.
TestSession sessionFrom(const HttpReply &reply, const QString &deviceId = {});

// wx.login on the platform, then /api/auth/wx-login.
TestSession guestLogin(HttpClient &http, const QString &deviceId);
// /api/auth/sms/send, the code from /dev/sms, then phone-login (with the
// guest's token when one is given, which links the guest).
TestSession smsLogin(HttpClient &http, const QString &phone, const TestSession &guest = {});
// A guest bound to `phone` through the platform's phone button.
TestSession memberViaPhoneButton(HttpClient &http, const QString &deviceId, const QString &phone);
// The last SMS code sent to `phone` (needs a --dev server).
QString lastSmsCode(HttpClient &http, const QString &phone);
