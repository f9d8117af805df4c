#pragma once

namespace mall::protocol {

// How far a user has come (the seeds' AuthStepType). The numeric values are
// the wire values of the JWT "step" claim and User.step.
enum class AuthStep
{
    Guest = 1,      // silent login done, no phone
    Member = 2,     // phone bound
    MemberInfo = 3, // profile authorized
};

} // namespace mall::protocol
