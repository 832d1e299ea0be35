create table b (
  id int,
  oops
);
