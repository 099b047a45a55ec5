// The C++ standard library over the overlay: <cstring> & co. re-export
// the wrapped functions with using-declarations.  Must compile cleanly.
#include <cstring>
#include <cstdio>
#include <cwchar>
#include <cstdlib>
#include <string>
#include <iostream>
#include <sstream>
#include <vector>
#include <algorithm>
int main(int argc, char **argv) {
	char b[16]; wchar_t w[8];
	std::memcpy(b, argv[0], 4); b[4] = 0;
	std::snprintf(b, sizeof b, "%d", argc);
	std::wmemset(w, L'a', 8);
	std::string s(b); std::ostringstream os; os << s << std::strlen(b);
	std::vector<char> v(b, b + std::strlen(b)); std::sort(v.begin(), v.end());
	std::cout << os.str() << v.size() << std::endl;
	char *p = std::strcpy(b, "ok"); return p[0] == 'o' ? 0 : 1;
}
