import { writeFileSync } from 'node:fs';
import { parseSettings } from './file.js';
import type { StoreSettings } from './schema.js';

/**
 * What `kefu-server init` writes: every setting, each explained, with values for a generic store.
 * A server started without a settings file runs on these values too, so the two never disagree.
 */
export const starterSettingsYaml = `# Kefu: your store's settings.
# Start the server with them:  KEFU_CONFIG=kefu.config.yaml npx kefu-server
#                         or:  npx kefu-server --config kefu.config.yaml
# The server checks this file when it starts and refuses to start if something is wrong, naming
# the key. Keys are case-sensitive; a key it does not know is an error. Quote a value that starts
# with "#" (a colour): unquoted, YAML reads it as a comment. A JSON file (.json) works the same.
# Everything but allowedOrigins is what the widget reads from GET /v1/config.

# How the widget looks and what it calls your store.
brand:
  name: Your Store
  # A colour as "#rrggbb", "#rgb" or "rgb(r, g, b)": buttons and the header. Text on it is white
  # or black, whichever reads better.
  color: '#2f5fa7'
  # logoUrl: https://shop.example/logo.svg   # optional: shown in the widget's header

# The languages your help centre is written in, as BCP 47 tags ("en", "fr", "zh-CN").
# The first is the default: shoppers whose language is not listed see it.
locales:
  - en

# When your team is there: chat is open and callback slots are offered in these hours.
businessHours:
  # An IANA timezone the hours below are written in, e.g. Europe/Paris, America/New_York, Asia/Shanghai.
  timezone: Europe/London
  # Opening hours per ISO weekday (1 = Monday … 7 = Sunday), local "HH:MM" times; a day with no
  # entry is closed. A day may have several entries (a lunch break).
  weekly:
    - { weekday: 1, opens: '09:00', closes: '17:00' }
    - { weekday: 2, opens: '09:00', closes: '17:00' }
    - { weekday: 3, opens: '09:00', closes: '17:00' }
    - { weekday: 4, opens: '09:00', closes: '17:00' }
    - { weekday: 5, opens: '09:00', closes: '17:00' }
  # Closed days, as YYYY-MM-DD dates in that timezone, e.g. [2026-12-25, 2027-01-01].
  holidays: []

# What the widget offers, each true or false. callback needs someone to ring shoppers back, so it
# starts off.
channels:
  faq: true        # help articles and search
  orders: true     # order tracking
  returns: true    # starting a return
  chat: true       # live chat with your team (the agent console at /agent)
  callback: false  # shoppers book a call back
  surveys: true    # a short survey after a chat or a return (see surveys below)

# Other ways to reach you, shown where the widget has no answer. Both are optional; uncomment what
# you have.
# contact:
#   email: help@shop.example
#   phone:
#     number: '+44 20 7946 0000'   # international format; the tel: link keeps the + and digits
#     # hours: (same shape as businessHours; without it, the phone is answered in businessHours)

returnPolicy:
  # Days a delivered item can be returned, counted from delivery (1 to 365).
  windowDays: 30
  # Every reason a shopper may give, in the order they are offered. code: lower-case letters,
  # digits and "_", kept in your records; labels: per language tag (one for the default language
  # at least); requiresPhoto: the shopper must attach a photo.
  reasons:
    - code: damaged
      labels: { en: Arrived damaged }
      requiresPhoto: true
    - code: wrong_item
      labels: { en: Wrong item sent }
      requiresPhoto: true
    - code: not_as_described
      labels: { en: Not as described }
      requiresPhoto: true
    - code: changed_mind
      labels: { en: Changed my mind }
      requiresPhoto: false
  # Optional: which reasons are offered for the items of each product category (the category your
  # orders give their items), e.g. clothes can be "too_small", a plate cannot.
  # reasonsByCategory:
  #   apparel: [damaged, wrong_item, not_as_described, changed_mind]
  #   tableware: [damaged, wrong_item]
  # Optional: the reasons for an item with no category, or one reasonsByCategory does not list
  # (without it: every reason).
  # defaultReasons: [damaged, wrong_item, not_as_described, changed_mind]
  # What a shopper may ask for: refund, exchange, store_credit (at least one).
  resolutions: [refund, exchange]
  # Photos a shopper attaches to a return.
  photos:
    maxCount: 5            # per return (0 to 10)
    maxBytes: 5242880      # per photo, in bytes (5 MB; 10 KB to 20 MB)
    types: [image/jpeg, image/png, image/webp]

# Call backs (when channels.callback is true): the slots offered to shoppers, in businessHours.
callbacks:
  slotMinutes: 30   # length of one slot (5 to 240)
  leadMinutes: 120  # the earliest slot starts this long after the request (0 to 10080)
  daysAhead: 7      # how many days ahead slots are offered (1 to 60)

# Short surveys (when channels.surveys is true).
surveys:
  # Which survey follows which event: on chat_closed, return_created or callback_completed; kind
  # csat (satisfaction, 1–5), nps (would you recommend us, 0–10) or ces (how easy, 1–7);
  # delaySeconds before it is asked (0 to 86400). An event without an entry asks nothing.
  triggers:
    - { on: chat_closed, kind: csat, delaySeconds: 0 }
  # After a shopper dismisses a survey, do not ask again for this many days (0 to 365).
  cooldownDays: 30

# Optional: how your order numbers are written, so what shoppers type ("#1003", "1003 ") is read
# as the number it means: the text before the digits and after them.
# orderNumbers:
#   prefix: '#'
#   suffix: ''

# The storefront origins (scheme, host, port; no path) whose pages may call this server. They are
# added to those in KEFU_ALLOWED_ORIGINS.
allowedOrigins: []
#  - https://shop.example
#  - https://www.shop.example
`;

let starter: StoreSettings | undefined;

/** The starter file's settings: a server started without a settings file runs on them. */
export function starterSettings(): StoreSettings {
  starter ??= parseSettings(starterSettingsYaml, 'yaml', 'the starter settings');
  return starter;
}

/**
 * Writes the starter file to `path`; never over an existing file (an Error with code EEXIST).
 */
export function writeStarterSettings(path: string): void {
  writeFileSync(path, starterSettingsYaml, { flag: 'wx' });
}
