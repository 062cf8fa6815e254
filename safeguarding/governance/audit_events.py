"""Audit codes governance writes, each with one sentence saying what happened."""

EVENTS = {
    # --- Key-message import batches (importbatches) ---
    "governance.import_batch.create": (
        "A key-messages document was read into a batch of draft messages for review."
    ),
    "governance.import_batch.publish": (
        "Messages of an import batch were published (new, replaced by a fuller text, or left "
        "as they were)."
    ),
    "governance.import_item.update": (
        "The title or text of a draft message in an import batch was fixed."
    ),
    "governance.import_item.drop": (
        "A draft message in an import batch was dropped as not a message."
    ),
    "governance.import_item.restore": "A dropped draft message in an import batch was taken back.",
    "governance.import_item.merge": (
        "Two draft messages of the same meeting in an import batch were merged into one."
    ),
    "governance.import_item.split": "A draft message in an import batch was split in two.",
    "governance.key_message.import": "A key message was published from an import batch.",
    "governance.key_message.reimport": (
        "A published key message was replaced by the fuller text of the same item from "
        "another document."
    ),
    # --- end of key-message import batches ---
}
