// Keeps a component's object library non-empty while its first sources are being written.
