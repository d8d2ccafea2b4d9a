"""A request that does not fit the API's schema is refused in Vietnamese, where and why."""

from django.utils import translation

from tdc.core.schema_errors import schema_problems


def test_each_pydantic_error_gets_a_vietnamese_message_with_its_place_and_type():
    problems = schema_problems(
        [
            {"type": "missing", "loc": ("body", "payload", "name"), "msg": "Field required"},
            {"type": "int_parsing", "loc": ("query", "limit"), "msg": "Input should be…"},
            {"type": "string_too_long", "loc": ("body", "x"), "ctx": {"max_length": 40}},
            {"type": "less_than_equal", "loc": ("query", "limit"), "ctx": {"le": 500}},
            {"type": "value_error", "loc": ("body", "gtin"), "msg": "Value error, GTIN sai"},
            {"type": "something_new", "loc": ("body", 0), "msg": "Whatever"},
        ]
    )

    assert problems == [
        {"loc": ["body", "payload", "name"], "type": "missing", "msg": "Thiếu giá trị bắt buộc."},
        {"loc": ["query", "limit"], "type": "int_parsing", "msg": "Phải là một số nguyên."},
        {"loc": ["body", "x"], "type": "string_too_long", "msg": "Dài quá 40 ký tự."},
        {
            "loc": ["query", "limit"],
            "type": "less_than_equal",
            "msg": "Phải nhỏ hơn hoặc bằng 500.",
        },
        {"loc": ["body", "gtin"], "type": "value_error", "msg": "GTIN sai"},
        {"loc": ["body", 0], "type": "something_new", "msg": "Giá trị không hợp lệ."},
    ]
    with translation.override("en"):
        assert schema_problems([{"type": "missing", "loc": ("q",)}])[0]["msg"] == (
            "A value is required."
        )
