def log = new File(basedir, 'build.log').text
assert log.contains('[drydock] In step: the migrations give the desired schema in ') : log
assert log.contains('BUILD SUCCESS') : log
assert new File(basedir, 'migrations').list().sort() == ['V1__customers.sql', 'V2__orders.sql'] : 'nothing written'
return true
