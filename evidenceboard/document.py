"""A board open for work: the model and its file, kept equal.

:meth:`Document.apply` writes an edit to the file in one transaction *first*, and only
when that committed applies it to the in-memory board, whose listeners (the scene, the
docks) then follow.  If the write fails nothing changes anywhere and the error says why.

A team board opened with an offline queue (``queue_dir``) keeps working without its
server: each edit is then kept in the queue file first (:mod:`.store.team_queue`), and
:meth:`Document.sync` sends the queue, in order, once the server answers again — before
it brings in the others' edits, so that an edit that lost a race is a conflict and not
an overwrite.  An Undo of the last queued edit takes it out of the queue.
"""

from __future__ import annotations

import contextlib
import getpass
import os
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from .model import Board, BoardError, BoardEvent, Edit, edits, kind_of
from .model.history import History, Recorded, marker, record_edit
from .store import (
    BoardFileError,
    BoardStore,
    CheckControl,
    StoreWriteError,
    create_board_file,
)
from .store.team import (
    Conflict,
    ConflictError,
    OfflineError,
    ServerUnreachable,
    TeamAddress,
    TeamStore,
)
from .store.team_copy import WorkingCopy
from .store.team_queue import OfflineQueue, SendReport, send_queued
from .store.team_schema import WRITERS


def default_author() -> str:
    """Who edits when nobody said: ``$EVIDENCEBOARD_AUTHOR``, else the account's name."""
    name = os.environ.get("EVIDENCEBOARD_AUTHOR", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # (no name for this account)
        return "unknown"


class Document:
    def __init__(self, store: BoardStore | TeamStore, board: Board) -> None:
        self.store = store
        self.board = board
        self._committed: list[Callable[[Edit], None]] = []
        #: The name each committed edit is recorded under (the app's settings, the
        #: CLI's ``--author``).
        self.author = default_author()
        #: The history entry of the last edit this document committed.
        self.last_entry: str | None = None
        self._sent: list[Callable[[SendReport], None]] = []
        #: What sending the offline queue did, the last time it had anything to send.
        self.last_send: SendReport | None = None
        #: A team board's working copy on this computer (:mod:`.store.team_copy`).
        self.copy: WorkingCopy | None = None
        #: Opened from that copy, the server unreachable: when the copy was last in
        #: step with the server (epoch s; None: opened with the server).
        self.opened_from_copy: float | None = None
        self._team_history = History()

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, read_only: bool = False,
             control: CheckControl | None = None) -> Document:
        """Validate, open and load ``path`` (``control``: progress and cancelling, see
        :meth:`BoardStore.open`)."""
        store = BoardStore.open(path, read_only=read_only, control=control)
        try:
            board = store.load()
        except BaseException:
            store.close()
            raise
        return cls(store, board)

    @classmethod
    def open_team(cls, address: str | TeamAddress, *, read_only: bool = False,
                  view: tuple[float, float, float, float] | None = None,
                  by_view_from: int | None = None,
                  queue_dir: str | os.PathLike[str] | None = None) -> Document:
        """Open a board on a team's PostgreSQL server (``postgresql://…?board=NAME``):
        the whole board, or only what a view of ``view`` (x0, y0, x1, y1) shows — also
        when the board has more than ``by_view_from`` cards (a view of the given size
        around the cards' mean position, or of 4,000 × 2,500 when no view is given).

        With ``queue_dir`` (the user's data folder) edits made while the server cannot
        be reached are kept there and sent when it is back; edits left in it by an
        earlier run (a crash, a kill) are sent first, before the board is loaded.  A
        board loaded whole is also kept there (a working copy): when the server cannot
        be reached, the board opens from it, offline (:attr:`opened_from_copy`)."""
        if isinstance(address, str):
            address = TeamAddress.parse(address)
        try:
            store = TeamStore.open(address, read_only=read_only)
        except ServerUnreachable as e:
            if queue_dir is None:
                raise
            return cls._open_copy(address, queue_dir, e, read_only=read_only)
        report = None
        copy = None
        try:
            if queue_dir is not None and not store.read_only:
                store.queue = OfflineQueue.open(queue_dir, address)
                store.conflicts.extend(store.queue.conflicts())
                if store.queue.count():
                    report = send_queued(store, store.queue)
            if view is None and by_view_from is not None and \
                    store.more_cards_than(by_view_from):
                cx, cy = store.centre()
                view = (cx - 2000, cy - 1250, cx + 2000, cy + 1250)
            board = store.load() if view is None else store.load_view(view)
            if queue_dir is not None and not store.partial:
                copy = WorkingCopy.open(queue_dir, address)
                copy.replace(board, store.known_versions, store.seq, access=store.access,
                             user=store.user)
            elif queue_dir is not None:
                WorkingCopy.remove(queue_dir, address)  # (one from when it was small)
        except BaseException:
            if copy is not None:
                copy.close()
            if store.queue is not None:
                store.queue.close()
            store.close()
            raise
        doc = cls(store, board)
        doc.last_send = report
        doc.copy = copy
        return doc

    @classmethod
    def _open_copy(cls, address: TeamAddress, queue_dir: str | os.PathLike[str],
                   error: ServerUnreachable, *, read_only: bool) -> Document:
        """The board from this computer's copy, offline (its server unreachable)."""
        copy = WorkingCopy.find(queue_dir, address)
        if copy is None:
            raise BoardFileError(f"{error}; this computer has no copy of the board "
                                 f"{address.board!r} to work from (one is kept once it "
                                 "has been opened with the server)")
        store = None
        try:
            snap = copy.load()
            store = TeamStore.offline_from(address, snap.access, snap.user, snap.versions,
                                           snap.seq, read_only=read_only)
            if store.access in WRITERS and not read_only:
                store.queue = OfflineQueue.open(queue_dir, address)
                store.conflicts.extend(store.queue.conflicts())
        except BaseException:
            copy.close()
            if store is not None:
                store.close()
            raise
        doc = cls(store, snap.board)
        doc.copy = copy
        doc.opened_from_copy = snap.synced
        return doc

    def _keep(self, keys: Iterable[tuple[str, str]], *, synced: bool) -> None:
        """Write ``keys`` as the board has them now to the working copy."""
        team = self.team
        if self.copy is None or team is None:
            return
        keys = list(keys)
        try:
            self.copy.record(self.board, keys, team.versions_of(keys), team.seq,
                             synced=synced and not team.offline)
        except StoreWriteError:
            # A copy that missed an edit must never be opened: it is given up (the
            # board on the server and the queue are unharmed).
            path = self.copy.path
            self.copy.close()
            self.copy = None
            with contextlib.suppress(OSError):
                path.unlink()

    @property
    def team(self) -> TeamStore | None:
        """The team server's store, for a team board (None: a local file)."""
        return self.store if isinstance(self.store, TeamStore) else None

    def sync(self, *, force: bool = False) -> BoardEvent | None:
        """Bring in the other clients' edits (a team board; nothing for a file): one
        edit applied to the board, whose listeners follow it as they follow an undo.

        Offline, it only asks whether the server answers again (the store's reconnector
        tries on a thread of its own; ``force``: try here too).  Once it does, the
        queued edits are sent first (:meth:`send_queue`), then the others' edits come
        in."""
        team = self.team
        if team is None:
            return None
        came_back = False
        if team.offline:
            if not team.reconnect(wait=force):
                return None
            came_back = True
        if team.queue is not None and team.queue.count():
            self.send_queue()
            if team.offline:
                return None
        return self._take(team.sync(self.board, force=force or came_back))

    @property
    def waiting(self) -> int:
        """How many edits wait in the offline queue (0 for a file)."""
        team = self.team
        return team.queue.count() if team is not None and team.queue is not None else 0

    def on_sent(self, callback: Callable[[SendReport], None]) -> None:
        """Call ``callback(report)`` after the offline queue was sent (some of it)."""
        self._sent.append(callback)

    def send_queue(self) -> SendReport | None:
        """Send the offline queue now; the board then shows the server's values of the
        items whose edits lost a race."""
        team = self.team
        if team is None or team.queue is None or not team.queue.count():
            return None
        sending = [k for entry in team.queue.entries() for k in entry.keys]
        report = send_queued(team, team.queue)
        self.last_send = report
        self._keep(sending, synced=False)  # (the versions they landed with)
        if report.refresh and not team.offline:
            try:
                self._take(team.fetch(self.board, report.refresh))
            except Exception:  # the server went again: the next sync catches up
                team.went_offline()
        for cb in list(self._sent):
            cb(report)
        return report

    def load_more(self, rect: tuple[float, float, float, float], limit: int = 20_000
                  ) -> tuple[BoardEvent | None, bool]:
        """A partially loaded team board: load the cards of ``rect`` (x0, y0, x1, y1)
        it does not hold yet (see :meth:`TeamStore.load_more`); the board's listeners
        follow as for any change.  Also whether ``rect`` is now loaded whole."""
        team = self.team
        if team is None or not team.partial or team.offline or team.covers(rect):
            return None, True
        edit, complete = team.load_more(self.board, rect, limit)
        if edit.is_empty():
            return None, complete
        try:
            return self.board.apply(edit), complete
        except BoardError:  # (the board changed meanwhile: the next sync catches up)
            return None, False

    def keep_mine(self, conflict: Conflict) -> Edit | None:
        """The edit that makes this window's side of ``conflict`` the board's again, on
        top of theirs (the user chose it: an item someone deleted is put back), or None
        when the board already has it."""
        team = self.team
        key = (conflict.kind, conflict.item)
        now = self.board.get(*key)
        if conflict.mine is not None:
            if now == conflict.mine:
                return None
            if team is not None:
                team.forget_gone(key)
            return Edit(f"Keep my {conflict.kind}", (conflict.mine,))
        if now is None:
            return None
        if conflict.kind in ("card", "link"):
            return edits.delete_items(self.board, [conflict.item])
        return Edit(f"Delete {conflict.kind}", (), (key,))

    def resolve(self, conflict: Conflict) -> None:
        """Take ``conflict`` off the list (and out of the queue file's)."""
        team = self.team
        if team is None:
            return
        if conflict in team.conflicts:
            team.conflicts.remove(conflict)
        if team.queue is not None:
            team.queue.resolve(conflict)

    def _take(self, edit: Edit) -> BoardEvent | None:
        """Apply an edit that came from the server (the others', or its values)."""
        team = self.team
        assert team is not None
        if team.partial:
            edit = _within(self.board, edit)
        if edit.is_empty():
            return None
        try:
            event = self.board.apply(edit)
        except BoardError:
            # Rules checked on a partial picture: take the board (or the part of it this
            # document holds) as it is now.
            rect = team.view_rect
            whole = team.load_view(rect) if team.partial and rect is not None else team.load()
            edit = _difference(self.board, whole)
            event = self.board.apply(edit)
        self._keep(_keys(edit), synced=True)
        return event

    @classmethod
    def create(cls, path: str | os.PathLike[str]) -> Document:
        create_board_file(path)
        return cls.open(path)

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def name(self) -> str:
        team = self.team
        return team.address.board if team is not None else self.store.path.stem

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    def on_committed(self, callback: Callable[[Edit], None]) -> None:
        """Call ``callback(edit)`` after each edit is safely in the file."""
        self._committed.append(callback)

    def _record(self, edit: Edit, undoes: str | None) -> Recorded | None:
        store = self.store
        if not isinstance(store, BoardStore):
            return None
        lineage = store.lineage()
        return record_edit(self.board, edit, author=self.author,
                           board_id=lineage.id if lineage is not None else "",
                           seq=store.next_seq(), undoes=undoes)

    def apply(self, edit: Edit, *, undoes: str | None = None,
              imported: Iterable[Recorded] = ()) -> BoardEvent | None:
        """Check, write, then show ``edit``.  Raises BoardError / StoreWriteError.

        A board file records the edit in its history in the same transaction: when,
        by :attr:`author`, what (``undoes``: the entry an Undo takes back;
        ``imported``: the colleague's entries a merge brings in)."""
        if edit.is_empty():
            return None
        self.board.check(edit)
        team = self.team
        if isinstance(self.store, BoardStore):
            try:
                recorded = self._record(edit, undoes)
            except BoardFileError as e:  # (the file went away underneath)
                raise StoreWriteError(f"could not save: {e}; the change was not "
                                      "made") from None
            brought = _brought_in(recorded, imported) if recorded is not None else []
            self.store.commit(edit, recorded, brought)
            self.last_entry = recorded.entry.id if recorded is not None else None
        elif team is not None and team.queue is not None and (team.offline or
                                                              team.queue.count()):
            self._queue(team, team.queue, edit)  # (behind the edits already waiting)
        else:
            try:
                self.store.commit(edit)
            except OfflineError:
                if team is None or team.queue is None:
                    raise
                self._queue(team, team.queue, edit)
            except ConflictError:
                self.sync(force=True)  # the board shows the server's values
                raise
        event = self.board.apply(edit)
        if team is not None:
            self._keep(_keys(edit), synced=True)
        for cb in list(self._committed):
            cb(edit)
        return event

    def history(self, *, values: bool = True) -> History:
        """The board file's lineage and history; for a team board the server's record
        of who changed what (:mod:`.store.team_history`; without values), or the last
        one read while the server cannot be reached."""
        if isinstance(self.store, BoardStore):
            return self.store.history(values=values)
        team = self.team
        if team is not None and not team.offline:
            from .store.team_history import read_history

            got = read_history(team)
            if got is not None:
                self._team_history = got
        return self._team_history

    def mark(self, description: str) -> str | None:
        """Record a point in the history that changes nothing (a copy saved or shared
        from here); its entry id, or None when the board cannot be written."""
        store = self.store
        if not isinstance(store, BoardStore) or store.read_only:
            return None
        lineage = store.lineage()
        rec = marker(description, author=self.author,
                     board_id=lineage.id if lineage is not None else "",
                     seq=store.next_seq())
        store.commit(Edit(description), rec)
        return rec.entry.id

    def save_copy(self, target: str | os.PathLike[str], *, strip_history: bool = False,
                  redact: Iterable[str] = ()) -> Path:
        """Save As / Share Copy: a self-contained copy with a board id of its own that
        knows this board as its origin (for a copy without history, the point it starts
        from is recorded here first).  ``strip_history`` / ``redact`` (source ids): see
        :meth:`BoardStore.save_copy`."""
        store = self.store
        if not isinstance(store, BoardStore):
            raise BoardError("a team board is copied with File ▸ Save As from the server")
        redact = tuple(redact)
        base: str | None = None
        if strip_history or redact:
            # The copy starts from here without the history before: a point both keep.
            base = self.mark(f"Shared a copy as {Path(target).name}")
            if base is None:
                entries = store.history().local()
                base = entries[-1].id if entries else None
        return store.save_copy(target, strip_history=strip_history, redact=redact,
                               base=base)

    def _queue(self, team: TeamStore, queue: OfflineQueue, edit: Edit) -> None:
        """Keep ``edit`` for the server (durably, before the board shows it); an Undo of
        the last queued edit takes that one out instead."""
        last = queue.last()
        if last is not None and last.undone_by(edit):
            queue.drop(last)
            return
        keys = _keys(edit)
        queue.push(edit, {k: self.board.get(*k) for k in keys}, team.versions_of(keys))

    def close(self) -> None:
        team = self.team
        if team is not None and team.queue is not None:
            team.queue.close()
        if self.copy is not None:
            if team is not None and not team.offline:
                with contextlib.suppress(StoreWriteError):
                    self.copy.mark_synced(team.seq)
            self.copy.close()
            self.copy = None
        self.store.close()


def _keys(edit: Edit) -> list[tuple[str, str]]:
    return list(dict.fromkeys([*((kind_of(e), e.id) for e in edit.puts), *edit.deletes]))


def _brought_in(merge: Recorded, imported: Iterable[Recorded]) -> list[Recorded]:
    """A colleague's entries a merge brings in: after the merge's entry, marked as come
    in with it (they tell who did what; they are not replayed on this file)."""
    out = []
    for n, r in enumerate(imported, start=1):
        out.append(Recorded(replace(r.entry, seq=merge.entry.seq + n,
                                    merged_in=merge.entry.id), r.changes))
    return out


def _difference(board: Board, target: Board) -> Edit:
    """The edit turning ``board`` into ``target``."""
    puts = tuple(e for e in target.entities() if board.get(kind_of(e), e.id) != e)
    deletes = tuple((kind_of(e), e.id) for e in board.entities()
                    if target.get(kind_of(e), e.id) is None)
    return Edit("changes by others", puts, deletes)


def _within(board: Board, edit: Edit) -> Edit:
    """``edit`` without the links and citations of items a partial board does not hold
    (the others' edits elsewhere on a huge board)."""
    from .model import Citation, Link

    have = {e.id for e in edit.puts} | set(board.cards) | set(board.links) | \
        set(board.sources)
    puts = tuple(e for e in edit.puts
                 if not (isinstance(e, Link) and not {e.from_id, e.to_id} <= have)
                 and not (isinstance(e, Citation) and not (
                     e.source_id in have and (e.card_id or e.link_id) in have)))
    return Edit(edit.description, puts, edit.deletes)
