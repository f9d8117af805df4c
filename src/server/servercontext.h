#pragma once

#include "avatarstore.h"
#include "clock.h"
#include "database.h"
#include "faultinjector.h"
#include "passwordhasher.h"
#include "phoneguard.h"
#include "platformsimulator.h"
#include "serverconfig.h"
#include "serverstats.h"
#include "tokenservice.h"
#include "userstore.h"

#include <QHash>

namespace mall::server {

// Everything a route handler may use, owned by MallServer.
struct ServerContext
{
    ServerConfig &config;
    Clock &clock;
    Database &db;
    ServerStats &stats;
    FaultInjector &faults;
    UserStore &users;
    TokenService &tokens;
    PlatformSimulator &platform;
    PhoneGuard &phones;
    PasswordHasher &passwords;
    AvatarStore &avatars;
    // The last SMS code per phone, kept only with --dev (GET /dev/sms); a
    // real deployment hands codes to an SMS gateway instead.
    QHash<QString, QByteArray> &smsOutbox;
};

} // namespace mall::server
