"""Tests of the input channels in bot/channels, against local fakes of the messaging services."""
