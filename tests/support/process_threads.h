// The threads of this test process by name (pthread_setname_np), as top or a debugger shows them.
#pragma once

#include <string>

int threads_named(const std::string& name);
