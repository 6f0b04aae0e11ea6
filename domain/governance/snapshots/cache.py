"""Per-process cache of the last committed governance snapshot of each project.

An entry is valid while the project's ``snapshot_revision`` (and ``created_at``: SQLite may
reuse the ID of a deleted project) is the one it was built at: any worker's commit that changes
the project's snapshot data bumps the revision (``domain/governance/snapshots/revisions.py``).
Entries are published only after their transaction commits (``Work.after_commit``), so a
refused or failed change never leaves its snapshot behind. Least recently used entries are
dropped beyond ``size`` projects: a 5,000-task entry holds a few megabytes.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime

from domain.governance.snapshots.build import SnapshotParts

DEFAULT_SIZE = 32


@dataclass(frozen=True)
class Version:
    revision: int
    created_at: datetime


class SnapshotCache:
    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        self.size = size
        self._entries: OrderedDict[int, tuple[Version, SnapshotParts]] = OrderedDict()

    def get(self, project_id: int, version: Version) -> SnapshotParts | None:
        """The cached parts if built at exactly ``version`` (else None, and the entry goes)."""
        found = self._entries.get(project_id)
        if found is None:
            return None
        if found[0] != version:
            del self._entries[project_id]
            return None
        self._entries.move_to_end(project_id)
        return found[1]

    def publish(self, project_id: int, version: Version, parts: SnapshotParts) -> None:
        found = self._entries.get(project_id)
        if found is not None and found[0].created_at == version.created_at and found[0].revision > version.revision:
            return  # a later commit of this process published first: keep the newer one
        self._entries[project_id] = (version, parts)
        self._entries.move_to_end(project_id)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def peek(self, project_id: int) -> tuple[Version, SnapshotParts] | None:
        """The entry as it stands, valid or not (for tests)."""
        return self._entries.get(project_id)

    def __len__(self) -> int:
        return len(self._entries)
