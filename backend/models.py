"""All database models: boards, schools, contact persons (users) and intakes.

SQLAlchemy 1.4 with declarative ``Column`` mappings; every relationship is ``lazy="raise"`` so
no query hides in a view or a template (load with ``selectinload``). Types are chosen to work on
SQLite and PostgreSQL alike.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Any, Optional

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.orm import registry, relationship
from sqlalchemy.types import TypeDecorator

# Predictable constraint names, so later migrations (also SQLite batch mode) can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)
mapper_registry = registry(metadata=metadata)
Base = mapper_registry.generate_base()


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def new_uuid() -> str:
    return str(uuid.uuid4())


class UTCDateTime(TypeDecorator):
    """A timezone-aware UTC timestamp on every backend.

    PostgreSQL keeps it in ``timestamptz``; SQLite has no time zones, so the value is stored as
    naive UTC and marked UTC again when read.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Optional[datetime], dialect: Any) -> Optional[datetime]:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: use an aware UTC timestamp")
        value = value.astimezone(timezone.utc)
        if dialect.name == "sqlite":
            value = value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: Optional[datetime], dialect: Any) -> Optional[datetime]:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


user_schools = Table(
    "user_schools",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("school_id", Integer, ForeignKey("schools.id", ondelete="CASCADE"), primary_key=True),
)


class Board(Base):
    """A school board (*schoolbestuur*) and its complaint regulation.

    ``profile`` is ``wegwijzer.regulation.RegulationProfile.to_dict()``: that module is the one
    place that knows the profile's shape and validates it (``RegulationProfile.from_dict``).
    """

    __tablename__ = "boards"

    id = Column(Integer, primary_key=True)
    slug = Column(String(64), nullable=False, unique=True)
    name = Column(String(200), nullable=False)
    profile = Column(JSON, nullable=False)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    updated_at = Column(UTCDateTime, nullable=False, default=utcnow)

    schools = relationship(
        "School", back_populates="board", lazy="raise", order_by="School.slug"
    )

    def __repr__(self) -> str:
        return f"<Board {self.slug}>"


class School(Base):
    __tablename__ = "schools"

    id = Column(Integer, primary_key=True)
    slug = Column(String(64), nullable=False, unique=True)
    name = Column(String(200), nullable=False)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    # NULL: a school nobody configured yet (it still receives intakes).
    board_id = Column(
        Integer, ForeignKey("boards.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    # The school's own contact persons (regulation art. 2), published on its route page:
    # a list of ``wegwijzer.regulation.Persoon.to_dict()``.
    contactpersonen = Column(JSON, nullable=False, default=list, server_default=text("'[]'"))

    board = relationship("Board", back_populates="schools", lazy="raise")
    users = relationship(
        "User", secondary=user_schools, back_populates="schools", lazy="raise"
    )

    def __repr__(self) -> str:
        return f"<School {self.slug}>"


class User(Base):
    """A contact person who logs in to the dashboard."""

    __tablename__ = "users"

    id = Column(Integer, primary_key=True)
    email = Column(String(254), nullable=False, unique=True)  # always stored lower-case
    name = Column(String(200), nullable=False)
    password_hash = Column(String(255), nullable=False)
    role = Column(String(50), nullable=False, default="contactpersoon")
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)

    schools = relationship(
        "School",
        secondary=user_schools,
        back_populates="users",
        lazy="raise",
        order_by="School.slug",
    )

    def __repr__(self) -> str:  # no e-mail address: reprs end up in logs
        return f"<User {self.id}>"


class Intake(Base):
    """One structured intake handed over by the bot (contract §4)."""

    __tablename__ = "intakes"
    __table_args__ = (Index("ix_intakes_school_id_created_at", "school_id", "created_at"),)

    id = Column(String(36), primary_key=True, default=new_uuid)
    code = Column(String(14), nullable=False, unique=True)
    school_id = Column(
        Integer, ForeignKey("schools.id", ondelete="RESTRICT"), nullable=False
    )
    kanaal = Column(String(16), nullable=False)
    conversation_id = Column(String(255), nullable=False, unique=True)
    rol = Column(String(16), nullable=False)
    categorieen = Column(JSON, nullable=False, default=list)
    wat_gebeurd = Column(Text, nullable=False)
    wanneer = Column(Text, nullable=False, default="")
    datum_gebeurtenis = Column(Date, nullable=True)
    betrokkenen = Column(Text, nullable=False, default="")
    al_ondernomen = Column(JSON, nullable=False, default=list)
    wens = Column(JSON, nullable=False, default=list)
    advies_routes = Column(JSON, nullable=False, default=list)
    gekozen_route = Column(String(64), nullable=True)
    signalen = Column(JSON, nullable=False, default=list)
    anoniem = Column(Boolean, nullable=False, default=False)
    naam = Column(String(200), nullable=True)
    contact = Column(String(500), nullable=True)
    status = Column(String(32), nullable=False, default="nieuw")
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)

    school = relationship("School", lazy="raise")

    def __repr__(self) -> str:  # no content: reprs end up in logs
        return f"<Intake {self.id}>"
