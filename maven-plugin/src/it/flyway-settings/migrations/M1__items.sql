create table items (id int primary key, name text not null);
