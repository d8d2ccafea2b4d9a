def test_clean_text_removes_control_and_invisible_characters_but_keeps_lines() -> None:
    from tdc.core.text import clean_text

    pasted = "Ca\u0301c\x0cs\u1edf\x00\x0b ng\u00e0nh\u202e\u200b\nd\u00f2ng 2\t."
    assert clean_text(pasted) == "Cács\u1edf ng\u00e0nh\nd\u00f2ng 2\t."
    assert clean_text(pasted, keep_newlines=False) == "Cács\u1edf ng\u00e0nh d\u00f2ng 2 ."
