def log = new File(basedir, 'build.log').text
assert log.contains('[drydock] The migrations differ from the desired schema in ') : log
assert log.contains('1 difference(s); expected = desired, actual = migrations') : log
assert log.contains('column public.customers.phone') : log
assert log.contains('-Ddrydock.draft.name=<change>') : log
assert new File(basedir, 'migrations').list().sort() == ['V1__customers.sql', 'V2__orders.sql'] : 'nothing written'
return true
