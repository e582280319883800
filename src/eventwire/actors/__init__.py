"""actors: mentions -> canonical people, states, organisations and sectors."""

from eventwire.actors.dictionary import ActorDictionary, Entry
from eventwire.actors.resolver import DocumentActors, Mention

__all__ = ["ActorDictionary", "DocumentActors", "Entry", "Mention"]
