// Placeholder: replaced by the real mallctl.
int main() { return 0; }
