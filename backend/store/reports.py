"""The facts behind the yearly reports (``backend.rules.reports`` counts and suppresses them): of
the intakes and signals of a board's schools in one year, vocabulary columns and dates only."""
from __future__ import annotations

import asyncio
from datetime import date, datetime
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from backend.models import Board, Intake, School, Signal
from backend.rules import casework, reports
from backend.store.errors import NotFound


async def yearly_reports(
    db: sessionmaker, year: int, threshold: int, *, board_id: Optional[int] = None,
    school_id: Optional[int] = None,
) -> reports.Reports:
    """The yearly reports of a board and all its schools, suppressed together: for
    ``board_id``, or for the board of ``school_id`` (a school without a board on its own).
    Only vocabulary columns and dates are read, never free text."""
    start = datetime(year, 1, 1, tzinfo=casework.LOCAL_TZ)
    end = datetime(year + 1, 1, 1, tzinfo=casework.LOCAL_TZ)
    async with db() as session:
        if board_id is None:
            school = await session.get(School, school_id)
            if school is None:
                raise NotFound(str(school_id))
            board_id = school.board_id
        board = await session.get(Board, board_id) if board_id is not None else None
        group = School.board_id == board_id if board_id is not None else School.id == school_id
        schools = (await session.execute(
            select(School.id, School.slug, School.name).where(group).order_by(School.slug)
        )).all()
        school_ids = [row[0] for row in schools]
        slug_of = {school_id: slug for school_id, slug, _name in schools}
        intake_rows = (await session.execute(
            select(
                Intake.school_id, Intake.created_at, Intake.categorieen, Intake.rol,
                Intake.advies_routes, Intake.gekozen_route, Intake.status, Intake.taal,
            ).where(
                Intake.school_id.in_(school_ids),
                Intake.created_at >= start, Intake.created_at < end,
            )
        )).all()
        signal_rows = (await session.execute(
            select(Signal.school_id, Signal.noticed_on, Signal.categorieen).where(
                Signal.school_id.in_(school_ids),
                Signal.noticed_on >= date(year, 1, 1), Signal.noticed_on < date(year + 1, 1, 1),
            )
        )).all()
    intakes = [
        reports.IntakeFacts(
            school=slug_of[school_id],
            day=created_at.astimezone(casework.LOCAL_TZ).date(),
            categorieen=tuple(categorieen or ()),
            rol=rol,
            eerste_advies=advies[0] if advies else None,
            gekozen_route=gekozen,
            status=status,
            taal=taal,
        )
        for school_id, created_at, categorieen, rol, advies, gekozen, status, taal in intake_rows
    ]
    signals = [
        reports.SignalFacts(slug_of[school_id], noticed_on, tuple(categorieen or ()))
        for school_id, noticed_on, categorieen in signal_rows
    ]
    # Suppression solves linear programmes (CPU, up to seconds): off the event loop.
    return await asyncio.to_thread(
        reports.Reports,
        year,
        [(slug, name) for _id, slug, name in schools],
        intakes,
        signals,
        threshold,
        board=(board.slug, board.name) if board is not None else None,
    )
