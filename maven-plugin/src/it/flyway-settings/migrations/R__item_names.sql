create or replace view item_names as select name from items;
