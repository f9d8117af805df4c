#pragma once

#include "session.h"

namespace mall::auth {

// The profile step (member -> member-info): the platform's getUserProfile,
// then /api/user/profile. Like the phone button, a stale session key renews
// itself once and asks the user to tap again.
class ProfileAuthorization
{
public:
    explicit ProfileAuthorization(Session &session);

    // `avatarUrl` empty: the platform's own avatar; or a data:image URL.
    void authorize(const QString &nickname, const QString &avatarUrl, int gender,
                   Session::Done done);

private:
    Session &m_session;
};

} // namespace mall::auth
