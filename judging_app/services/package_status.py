"""Which judges of a round hold a package, and which of them have returned it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from judging_app.store import models as m


@dataclass(frozen=True)
class PackageStatus:
    """A round's judge packages: ``issued`` judges hold a current (non-revoked) package;
    ``returned`` ones have a merged revision of it; ``missing`` ones have not returned it yet.
    Judge ids are sorted."""

    round_key: str
    closed: bool
    issued: tuple[str, ...]
    returned: tuple[str, ...]

    @property
    def missing(self) -> tuple[str, ...]:
        returned = set(self.returned)
        return tuple(j for j in self.issued if j not in returned)


def package_status(session: Session, round_row: m.Round) -> PackageStatus:
    current = (
        select(m.Judge.judge_id, m.IssuedPackage.id)
        .join(m.IssuedPackage, m.IssuedPackage.judge_pk == m.Judge.id)
        .where(m.IssuedPackage.round_id == round_row.id, m.IssuedPackage.revoked_at.is_(None))
    )
    packages: dict[str, int] = {judge: package for judge, package in session.execute(current)}
    merged = set(
        session.scalars(
            select(m.PackageRevision.issued_package_id).where(
                m.PackageRevision.issued_package_id.in_(packages.values())
            )
        )
    )
    issued = tuple(sorted(packages))
    returned = tuple(j for j in issued if packages[j] in merged)
    return PackageStatus(round_row.key, round_row.state == "closed", issued, returned)
