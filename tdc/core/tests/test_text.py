def test_clean_text_removes_control_and_invisible_characters_but_keeps_lines() -> None:
    from tdc.core.text import clean_text

    pasted = "Ca\u0301c\x0cs\u1edf\x00\x0b ng\u00e0nh\u202e\u200b\nd\u00f2ng 2\t."
    assert clean_text(pasted) == "Cács\u1edf ng\u00e0nh\nd\u00f2ng 2\t."
    assert clean_text(pasted, keep_newlines=False) == "Cács\u1edf ng\u00e0nh d\u00f2ng 2 ."


def test_shorten_cuts_between_words_never_inside_one() -> None:
    from tdc.core.text import shorten

    task = "Tăng cường nguồn lực đầu tư cho công tác tiêu chuẩn, đo lường, chất lượng"
    assert shorten(task, 200) == task
    assert shorten(task, 40) == "Tăng cường nguồn lực đầu tư cho công…"
    assert shorten(task, 52) == "Tăng cường nguồn lực đầu tư cho công tác tiêu chuẩn…"
    for n in range(12, len(task)):
        kept = shorten(task, n)[:-1]
        assert len(kept) < n
        assert task.startswith(kept)
        assert not task[len(kept)].isalnum()  # what follows the cut is a space or a comma
    assert shorten("https://tdc.example/duong-dan-rat-dai", 10) == "https://t…"
