from sino_russia_data.texts.printed_numbers import numbers_in, printed


def test_numbers_as_printed():
    assert numbers_in("USD80 billion") == (80.0,)
    assert numbers_in("4,000-kilometer") == (4000.0,)
    assert numbers_in("42.7 per cent") == (42.7,)
    assert numbers_in("1,300 to 1,500 kilometres") == (1300.0, 1500.0)
    assert numbers_in("+143%") == (143.0,)
    assert numbers_in("five times") == (5.0,)
    assert numbers_in("a dozen") == (12.0,)
    assert numbers_in("nearly doubled") == (2.0,)
    assert numbers_in("ninth") == (9.0,)
    assert numbers_in("once or twice a year") == (1.0, 2.0)


def test_printed_compares_numbers_not_text():
    assert printed("USD13.5 billion", 13.5)
    assert not printed("USD13.5 billion", 135)
    assert not printed("USD15 billion", 16)
    assert printed("almost half", 0.5)
