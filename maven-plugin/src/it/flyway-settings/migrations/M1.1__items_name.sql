create index concurrently items_name on items (name);
