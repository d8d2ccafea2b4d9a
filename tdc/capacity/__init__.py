"""Capacity and the province's own means: training, forums and events, awards, equipment and
measurement standards, ISO 9001 in state agencies, programmes of support to businesses."""
