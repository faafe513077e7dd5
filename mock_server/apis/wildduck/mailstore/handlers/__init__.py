"""The mail routes (lib/api/{mailboxes,messages,filters,autoreply,updates}.js): thin handlers over the mail store."""
