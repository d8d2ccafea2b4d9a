import unicodedata


def test_the_language_switch_names_vietnamese_in_nfc(client, db):
    """Django spells "Tiếng Việt" with combining marks; the page shows it composed, like every
    other Vietnamese text (search, copy and screen readers see one form)."""
    body = client.get("/").content.decode()
    assert "Tiếng Việt" in body
    assert unicodedata.normalize("NFD", "Tiếng Việt") not in body
    assert body == unicodedata.normalize("NFC", body)
