"""The input checks every channel applies (``bot.channels.input_guard``) and the REST
channel's reading of its request (``bot.channels.rest``), without a Rasa server; the e2e test
``tests/e2e/test_bad_input.py`` sends the same through the real one."""
from __future__ import annotations

import asyncio

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.channels import rest
from bot.channels.input_guard import EMPTY_REPLY, MAX_MESSAGE_CHARS, check_message, guarded


def test_a_message_over_the_limit_is_not_read_and_the_reply_says_why():
    checked = check_message("a" * 100_000)
    assert checked.text is None
    assert "100.000 tekens" in checked.reply and "5.000" in checked.reply
    assert check_message("a" * MAX_MESSAGE_CHARS).text == "a" * MAX_MESSAGE_CHARS


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "\x00\x01", "\x1b\x7f "])
def test_a_message_with_nothing_to_read_gets_a_prompt(text):
    assert check_message(text).reply == EMPTY_REPLY


def test_characters_no_store_keeps_are_removed_and_the_rest_is_kept():
    assert check_message("ho\x00i\x1b daar\nen\tzo").text == "hoi daar\nen\tzo"
    assert check_message("\ud800 hallo").text == "\ufffd hallo"
    assert check_message("😀 <b>é</b> مرحبا").text == "😀 <b>é</b> مرحبا"


def test_the_guard_answers_on_the_messages_own_channel_and_passes_the_rest_on():
    seen = []

    async def on_new_message(message):
        seen.append(message.text)

    handle = guarded(on_new_message)
    output = CollectingOutputChannel()
    asyncio.run(handle(UserMessage("x" * (MAX_MESSAGE_CHARS + 1), output, "s1")))
    asyncio.run(handle(UserMessage("ho\x00i", output, "s1")))
    assert seen == ["hoi"]
    assert "te lang" in output.messages[0]["text"]


@pytest.mark.parametrize("raw, message", [
    (b"", rest.NOT_JSON), (b"\xff\xfe", rest.NOT_JSON), (b"[1]", rest.NOT_JSON),
    (b'{"sender": "x"', rest.NOT_JSON),
])
def test_a_body_that_is_no_json_object_is_refused(raw, message):
    with pytest.raises(rest.BadRequest) as refused:
        rest.parse_body(raw)
    assert refused.value.message == message


@pytest.mark.parametrize("body, message", [
    ({"message": "hoi"}, rest.NO_SENDER),
    ({"sender": "", "message": "hoi"}, rest.NO_SENDER),
    ({"sender": ["x"], "message": "hoi"}, rest.NO_SENDER),
    ({"sender": "x" * 201, "message": "hoi"}, rest.NO_SENDER),
    ({"sender": "x"}, rest.NO_MESSAGE),
    ({"sender": "x", "message": 12}, rest.NO_MESSAGE),
    ({"sender": "x", "message": "hoi", "metadata": ["demo"]}, rest.BAD_METADATA),
])
def test_a_request_with_a_wrong_field_is_refused_in_dutch(body, message):
    with pytest.raises(rest.BadRequest) as refused:
        rest.parse_request(body)
    assert refused.value.message == message


def test_a_good_request_is_read_as_rasa_reads_it():
    assert rest.parse_request(
        {"sender": 7, "message": "hoi", "metadata": {"school": "demo"}}
    ) == {"sender": "7", "message": "hoi", "metadata": {"school": "demo"}}
    # The channel names itself: a client's input_channel is not taken.
    assert "input_channel" not in rest.parse_request(
        {"sender": "7", "message": "hoi", "input_channel": "telegram"})
