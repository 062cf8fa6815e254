"""Every audit code the comms app writes (read by the house catalogue of events)."""

SUBSCRIBER_SUBSCRIBE = "comms.subscriber.subscribe"
SUBSCRIBER_CONFIRM = "comms.subscriber.confirm"
SUBSCRIBER_UPDATE = "comms.subscriber.update"
SUBSCRIBER_UNSUBSCRIBE = "comms.subscriber.unsubscribe"
SUBSCRIBER_IMPORT = "comms.subscriber.import"
SUBSCRIBER_EXPORT = "comms.subscriber.export"
SUBSCRIBER_BOUNCE = "comms.subscriber.bounce"
BULLETIN_CREATE = "comms.bulletin.create"
BULLETIN_UPDATE = "comms.bulletin.update"
BULLETIN_BLOCK_ADD = "comms.bulletin.block_add"
BULLETIN_BLOCK_REMOVE = "comms.bulletin.block_remove"
BULLETIN_SEND_TEST = "comms.bulletin.send_test"
BULLETIN_SCHEDULE = "comms.bulletin.schedule"
BULLETIN_UNSCHEDULE = "comms.bulletin.unschedule"
BULLETIN_SEND = "comms.bulletin.send"
BULLETIN_FINISH = "comms.bulletin.finish"
BULLETIN_STUCK_NOT_SENT = "comms.bulletin.stuck_not_sent"
BULLETIN_STUCK_SEND_AGAIN = "comms.bulletin.stuck_send_again"
SETTINGS_UPDATE = "comms.settings.update"

EVENTS = {
    SUBSCRIBER_SUBSCRIBE: "Someone signed up for the bulletin and was sent a confirmation link.",
    SUBSCRIBER_CONFIRM: "A subscriber confirmed their address by following the emailed link.",
    SUBSCRIBER_UPDATE: "A subscriber changed their audience and theme preferences.",
    SUBSCRIBER_UNSUBSCRIBE: "A subscriber unsubscribed and their address was suppressed.",
    SUBSCRIBER_IMPORT: "The business unit imported a list of subscribers from a CSV file.",
    SUBSCRIBER_EXPORT: "The business unit downloaded the subscriber list as CSV.",
    SUBSCRIBER_BOUNCE: (
        "GOV.UK Notify, or a bounce message returned to the sending mailbox, reported that a "
        "bulletin could not be delivered to a subscriber's address for good; the address is "
        "no longer mailed and was suppressed."
    ),
    BULLETIN_CREATE: "The business unit started a bulletin edition.",
    BULLETIN_UPDATE: (
        "The business unit changed a draft bulletin's title, introduction, themes or who it "
        "is for (its audiences and themes)."
    ),
    BULLETIN_BLOCK_ADD: "A block of text or platform content was added to a draft bulletin.",
    BULLETIN_BLOCK_REMOVE: "A block was removed from a draft bulletin.",
    BULLETIN_SEND_TEST: "A test copy of a bulletin was emailed to one address.",
    BULLETIN_SCHEDULE: "A bulletin was scheduled to be sent at a set time.",
    BULLETIN_UNSCHEDULE: "A scheduled bulletin was returned to draft.",
    BULLETIN_SEND: (
        "A bulletin started sending; its recipients (confirmed subscribers matching its "
        "audiences and themes) were fixed."
    ),
    BULLETIN_FINISH: "A bulletin finished sending; its recipient figures are final.",
    BULLETIN_STUCK_NOT_SENT: (
        "The business unit marked emails of a bulletin that were left being sent when sending "
        "stopped part-way as not sent (they are not sent again)."
    ),
    BULLETIN_STUCK_SEND_AGAIN: (
        "The business unit chose to send again the emails of a bulletin that were left being "
        "sent when sending stopped part-way, accepting that some people may get it twice."
    ),
    SETTINGS_UPDATE: "The business unit changed the contact numbers or open counting.",
}
