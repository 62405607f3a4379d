"""What entity recognition proposes to the reporter: one suggestion per record, with every
place the article mentions it (exact text and offsets, for highlighting)."""

from dataclasses import asdict, dataclass, field

UNIT = "unit"
OFFICIAL = "official"
CLUSTER = "cluster"
MOVEMENT = "movement"
EVENT = "event"
UNKNOWN_OFFICIAL = "unknown_official"
KINDS = (UNIT, OFFICIAL, CLUSTER, MOVEMENT, EVENT, UNKNOWN_OFFICIAL)
KIND_LABELS = {
    UNIT: "Đơn vị",
    OFFICIAL: "Cán bộ",
    CLUSTER: "Cụm thi đua",
    MOVEMENT: "Phong trào",
    EVENT: "Sự kiện",
    UNKNOWN_OFFICIAL: "Cán bộ chưa có trong hồ sơ",
}


@dataclass
class Mention:
    """Where a record is named: part is "title", "lead" or "body" (index = body block);
    start and end are offsets in that text, text is exactly what the article says."""

    part: str
    index: int
    start: int
    end: int
    text: str
    # Officials: the rank and position as written, and the whole phrase
    # ("Đồng chí Đại tá Hồ Văn Tứ, PGĐ Công an tỉnh Nghệ An").
    rank_text: str = ""
    position_text: str = ""
    phrase: str = ""
    # What rank_text and position_text were read as (names in the records), for checks.
    rank: str = ""
    title: str = ""
    unit_id: int | None = None


@dataclass
class Candidate:
    id: int
    label: str


@dataclass
class Suggestion:
    kind: str
    # None when the text fits several records (see candidates) or none (unknown official).
    record_id: int | None
    label: str
    mentions: list[Mention] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    note: str = ""
    # Unknown officials: the name as written, for records staff to add.
    name: str = ""
    withheld: bool = False
    accepted: bool = True

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.record_id if self.record_id is not None else self.name}"

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def is_ambiguous(self) -> bool:
        return self.record_id is None and bool(self.candidates)

    @property
    def rank_text(self) -> str:
        return next((m.rank_text for m in self.mentions if m.rank_text), "")

    @property
    def position_text(self) -> str:
        return next((m.position_text for m in self.mentions if m.position_text), "")

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Suggestion":
        data = dict(data)
        data["mentions"] = [Mention(**m) for m in data.get("mentions", [])]
        data["candidates"] = [Candidate(**c) for c in data.get("candidates", [])]
        return cls(**data)
