# Meent — English texts of the web interface.
# Every key here is also in ../nl/meent.ftl; a test checks that.

## On every page
skip-to-content = Skip to content
nav-label = Main menu
nav-home = Home
nav-write = Write a dilemma
nav-follow = Follow collectives
nav-notifications = Notifications
nav-unread = { $count } new
nav-manage = Manage
nav-settings = Settings
nav-logout = Log out
nav-login = Log in
nav-register = Create an account
footer-tagline = Meent — sharing knowledge between resident collectives.
language-switch = Nederlands
language-browser = As my browser says
language-nl = Dutch
language-en = English

## Home
home-title = Home
home-welcome = Welcome, { $name }
home-feed = Dilemmas of your collectives and those you follow
home-feed-empty = Nothing to see here yet. Write a dilemma your collective is stuck on, or follow collectives working on the same things.
home-intro = Resident collectives keep running into the same questions: who may hold the key of the community building, how do you get a municipal budget, how do you write a business plan? Here they share their dilemmas and the solutions that worked.
home-recent = Newest dilemmas
home-recent-empty = There are no public dilemmas yet.
home-collectives = Collectives on this server
field-theme = Theme
field-status = Status
filter-all-themes = All themes
filter-all-statuses = Any
filter-apply = Show

## First start
setup-title = Set up Meent
setup-intro = Welcome! First create the collective that uses this server, and an account for yourself as administrator. Then you can write a first dilemma straight away.
setup-collective = Your collective
setup-admin = Your account (administrator)
setup-submit = Create and start
field-collective-name = Name of the collective
field-collective-handle = Short name (for the web address)
field-kind = Kind of collective
field-municipality = Municipality
hint-handle = Lower-case letters, digits and _ only, for example buurtkamer_oost.

## Accounts
field-display-name = Your name
field-username = User name
field-password = Password
field-password-again = Password again
hint-password = At least 10 characters. A sentence of a few words is strong and easy to remember.
field-invite = Invitation code
field-join-collective = Which collective do you belong to?
login-title = Log in
login-submit = Log in
login-no-account = No account yet?
register-title = Create an account
register-intro-approval = Once created, a coordinator of your collective approves your account. Then you can log in.
register-intro-open = Create an account and take part in your collective straight away.
register-intro-invite = On this server you need an invitation from a coordinator of your collective.
register-intro-invited = You are invited to join { $collective }. With this account you take part at once; nobody needs to approve it first.
register-submit = Create account
registered-title = Almost done
registered-pending = Your account has been created. A coordinator of your collective will approve it; then you can log in.

## Settings
settings-title = Settings
settings-saved = Your settings have been saved.
settings-notifications = Notifications you want
settings-notify-solutions = A new solution to my dilemma
settings-notify-acceptances = My solution was accepted
settings-notify-confirmations = Someone confirms my solution
settings-notify-follow-requests = A request to follow my collective
settings-save = Save
field-language = Language
password-title = Change password
password-submit = Change password
password-changed = Your password has been changed. You have been logged out on other devices.
field-current-password = Current password
field-new-password = New password

## Form errors
error-wrong-credentials = The user name or password is not right.
error-pending = Your account is still waiting for a coordinator's approval.
error-password-short = The password is too short: use at least 10 characters.
error-password-long = The password is too long.
error-password-common = This password is among the first ones people try (a common word, a row of keys, a repeat or your own name). A few unrelated words in a row make a good password.
error-passwords-differ = The two passwords are not the same.
error-current-password = Your current password is not right.
error-name-taken = This name is already taken. Choose another.
error-bad-name = A name consists of lower-case letters, digits and _ (at most 64 characters).
error-bad-invite = This invitation code is unknown or already used.
error-invite-required = On this server you can only create an account with an invitation.
error-no-collective = Choose the collective you belong to.
error-already-set-up = This server has already been set up. Log in with your account.
error-collective-name = Give the collective a name.
error-kind = Choose the kind of collective.
error-title-empty = Give your dilemma a title.
error-title-long = The title is too long: at most 200 characters.
error-body-empty = Describe your dilemma.
error-body-long = The text is too long: at most 50,000 characters.
error-theme = Choose at least one theme.
error-hashtags = Hashtags consist of letters, digits and _ (at most 10, each at most 50 characters).
error-visibility = Choose who may see the dilemma.
error-facet = One of the details about your situation is not right.
error-no-own-collective = You do not belong to a collective yet. Ask a coordinator to add you.
error-follow-target = That is not a name like @buurtkamer@example.org nor a web address.
error-follow-not-found = That collective was not found.
error-follow-not-a-collective = That is a person's account, not a collective. Only collectives can be followed here.
error-follow-not-allowed = That address is not allowed here (an internal address or the server's own).
error-follow-remote = The server of that collective does not answer properly. Try again later.
error-last-coordinator = A collective keeps at least one coordinator.

## When something goes wrong
problem-not-found-title = Not found
problem-not-found = This page does not exist (any more), or you may not see it.
problem-forbidden-title = Not allowed
problem-forbidden = Only the author or a coordinator of the collective may do this.
problem-invalid-title = That did not work
problem-invalid = Check what you filled in and try again.
problem-remote-title = Another server does not answer
problem-remote = Another server did not answer properly. Try again later.
problem-too-many-title = Please wait
problem-too-many = There were too many attempts in a row. Wait a few minutes, then try again.
problem-internal-title = Something went wrong
problem-internal = Something went wrong on our side. Your data is safe; try again in a moment.
problem-form-title = Form not processed
problem-form-forged = This form has expired or did not come from this site. Go back, reload the page and try again.
problem-form-malformed = This form could not be read. Go back and try again.
problem-back-home = To the home page
problem-back-dilemma = Back to the dilemma

## Writing a dilemma
write-title = Write a dilemma
write-edit-title = Edit dilemma
write-intro = Describe what you are stuck on. Other collectives who went through the same can then help you.
write-welcome = Everything is ready. Now write your first dilemma.
write-preview-title = This is how it looks
write-preview = Preview
write-publish = Publish
write-save = Save changes
field-for-collective = On behalf of collective
field-title = Title
hint-title = A short question, for example: "Who may hold the key of the community building?"
field-body = Description
hint-body = What is the situation, what have you tried? You can use Markdown: **bold**, *italic*, lists with -.
field-themes = Themes
field-hashtags = Hashtags
hint-hashtags = Your own keywords, separated by spaces, for example: keyholding communitycentre
field-context = Your situation
hint-context = This helps others see whether their solution fits yours too. Everything is optional.
field-building-owner = Owner of the building
field-legal-form = Legal form
field-collective-size = Size of the collective
field-budget-range = Budget
field-content-language = Language of the dilemma
field-visibility = Who may see it?
choice-unknown = Rather not say / don't know

## Dilemma page
asked-by = asked by { $name }
solved-by = solved by { $names }
likes =
    { $count ->
        [one] 1 like
        *[other] { $count } likes
    }
like = Like
unlike = Take back the like
edit = Edit
close = Close
reopen = Reopen
solutions-count =
    { $count ->
        [0] Solutions
        [one] 1 solution
        *[other] { $count } solutions
    }
solutions-none = No solutions yet. Do you know something that worked?
solution-by = Solution by { $name }
content-warning = Content warning
on-behalf-of = on behalf of
confirmed-by = How it worked for other collectives
accepted = Accepted
from-experience = From own experience
confirmations =
    { $count ->
        [one] 1 confirmation
        *[other] { $count } confirmations
    }
accept = Accept as solution
unaccept = No longer accept
confirm-open = This worked for us too
field-confirm-for = On behalf of collective
field-confirm-account = How did it work for you?
confirm-submit = Confirm
confirm-withdraw = Withdraw the confirmation
reply = Reply
comment-open = Comment on this solution
field-comment = Your comment
comment-submit = Post comment
answer-title = Give a solution
field-solution = Your solution
hint-solution = Tell what worked for you and how. You can use Markdown.
field-speaks-for = On behalf of
speaks-for-self = Myself
field-from-experience = This comes from our collective's own experience
answer-submit = Post solution
login-to-answer = Log in to give a solution.

## Collectives and following
follow = Follow
unfollow = Unfollow
follow-pending = Your request to follow is waiting for approval.
collective-handle = Follow from another server
collective-followers = Followers
collective-new-followers = New followers
collective-open = are let in at once
collective-closed = are approved by a coordinator first
collective-dilemmas = Dilemmas
collective-no-dilemmas = This collective has no dilemmas you can see yet.
collective-members = Members
collective-no-members = No members yet.
role-member = Member
role-coordinator = coordinator
role-remove = Remove from collective
member-active-in = Active in
follow-title = Follow collectives
follow-intro = Follow a collective on another Meent server (or Lemmy) to see its dilemmas on your home page and answer them.
follow-done = Done. As soon as the collective lets you in, you will see its dilemmas on your home page.
follow-stop = Stop following
follow-stop-named = Stop following { $name }
follow-stopped = You no longer follow that collective.
field-follow-target = Name or web address of the collective
hint-follow-target = For example @buurtkamer@meent.example.org or https://meent.example.org/c/buurtkamer
follow-following = Whom you follow
follow-none = You do not follow any collectives yet.
follow-state-accepted = following
follow-state-pending = waiting for approval
follow-state-rejected = rejected

## Notifications
notifications-title = Notifications
notifications-none = No notifications.
notification-solution = { $name } gave a solution to your dilemma.
notification-acceptance = { $name } accepted your solution.
notification-confirmation = { $name } confirmed that your solution worked for them too.
notification-follow-request = { $name } wants to follow your collective.
notification-open = View
notification-decide = Decide

## Managing
manage-title = Manage
manage-registrations = New accounts to approve
manage-follow-requests = Requests to follow
manage-no-follow-requests = No requests.
manage-peers = Other servers
manage-peers-intro = How delivery to other servers goes. A refusal means that server did not accept something from here; its reason is shown.
manage-no-peers = Nothing sent to other servers yet.
manage-peer-host = Server
manage-peer-state = State
manage-peer-last-success = Last success
manage-peer-refusals = Refused
manage-peer-last-refusal = Last refusal
manage-peer-queued = Queued
peer-state-healthy = Reachable
peer-state-backing-off = Unreachable for now
peer-state-dead = Unreachable for long
manage-members = Members and roles
manage-member = Member
manage-role = Role
manage-role-of = Role of { $name }
manage-invite = Make an invitation
manage-invite-made = Send this link to the person you invite. It works once and is not shown again.
manage-invite-link = Invitation link
approve = Approve
reject = Reject
save = Save

## Closed lists
status-open = Open
status-solved = Solved
status-closed = Closed
visibility-public = Public
visibility-public-hint = Anyone can see it, on other servers too.
visibility-followers = Followers only
visibility-followers-hint = Only approved followers of your collective.
visibility-internal = Our collective only
visibility-internal-hint = Only members of your collective; it never leaves this server.
kind-residents_collective = Residents' collective
kind-tenants_committee = Tenants' committee
kind-residents_initiative = Residents' initiative
kind-core_group = Core group
kind-support_organisation = Support organisation
theme-keys_and_access = Keys and access to buildings
theme-budgets_and_subsidies = Budgets and subsidies
theme-business_plan_and_financing = Business plan and financing
theme-running_a_community_building = Running a community building
theme-working_with_the_municipality = Working with the municipality
theme-working_with_the_housing_association = Working with the housing association
theme-renovation_and_rehousing = Renovation and rehousing
theme-volunteers_and_organisation = Volunteers and organisation
theme-care_and_support = Care and support
theme-safety_and_liveability = Safety and liveability
theme-communication_and_participation = Communication and participation
theme-legal_form_and_governance = Legal form and governance
building_owner-municipality = Municipality
building_owner-housing_association = Housing association
building_owner-private = Private owner
building_owner-own = Ourselves
legal_form-informal = Informal group
legal_form-association = Association
legal_form-foundation = Foundation
legal_form-cooperative = Cooperative
collective_size-up_to_5 = Up to 5 people
collective_size-6_to_15 = 6 to 15 people
collective_size-16_to_50 = 16 to 50 people
collective_size-over_50 = More than 50 people
budget_range-none = No budget
budget_range-up_to_1000 = Up to € 1,000
budget_range-1000_to_10000 = € 1,000 to € 10,000
budget_range-10000_to_100000 = € 10,000 to € 100,000
budget_range-over_100000 = More than € 100,000

nav-search = Search
search-title = Search
search-field = What are you looking for?
search-hint = A few words, or paste an address or @name@server to open a collective, dilemma or person from another server.
search-scope = Where to search
search-scope-local = Everything this server knows
search-scope-network = Other servers too
search-filters = Filters
filter-all-kinds = All kinds
filter-all-languages = All languages
search-has-accepted = With an accepted solution
search-confirmed = Confirmed by other collectives
search-submit = Search
search-not-found = That address or name was not found. Check how it is written.
search-too-long = That search is too long: use at most 400 characters and 32 words.
search-sign-in-to-look-up = To look up an address or name on another server, log in first.
search-network-sign-in = Searching other servers is for members who are logged in.
search-found-collective = A collective on another server. Follow it to see its dilemmas.
search-count =
    { $count ->
        [0] Nothing found
        [one] 1 dilemma found
        *[other] { $count } dilemmas found
    }
search-none = Try other words or fewer filters.
search-pages = More results
search-previous = Previous
search-next = Next
search-network-title = On other servers
search-network-none = Other servers found nothing else.
search-unreachable = No answer from:
search-in-solution = In a solution:
search-origin = from { $host }
search-solutions =
    { $count ->
        [one] 1 solution
        *[other] { $count } solutions
    }
search-accepted-count =
    { $count ->
        [one] 1 accepted
        *[other] { $count } accepted
    }
similar-title = Similar dilemmas
similar-intro = These dilemmas look like this one. The answer may already be there.
similar-writing = Have these dilemmas been solved before? Have a look before you publish.
documents-title = Documents
documents-none = No documents yet. Add a key agreement, budget or business plan, for example.
document-add = Add a document
field-document-file = File
hint-document-file = PDF, ODT, DOCX, ODS, XLSX, CSV or an image (PNG, JPEG, WebP), at most 10 MB.
field-document-title = Title of the document
field-document-kind = Kind of document
field-document-licence = Licence
hint-document-licence = With a CC licence other collectives may reuse the document.
document-submit = Add
document-elsewhere = on another server
document-refused-title = Document not added
error-document-title = Give the document a title.
error-document-choice = Choose a kind of document and a licence from the list.
error-document-file = Choose a file to add.
error-document-size = The file is larger than 10 MB. Make it smaller or split it up.
error-document-type = This kind of file cannot be added. Use PDF, ODT, DOCX, ODS, XLSX, CSV, PNG, JPEG or WebP.
doc-kind-key_agreement = Key agreement
doc-kind-budget = Budget
doc-kind-business_plan = Business plan
doc-kind-financing_plan = Financing plan
doc-kind-template = Template
doc-kind-other = Other
licence-cc-by-4-0 = CC BY 4.0 (reuse with attribution)
licence-cc-by-sa-4-0 = CC BY-SA 4.0 (reuse with attribution, under the same licence)
licence-cc0-1-0 = CC0 (free to use)
licence-all-rights-reserved = All rights reserved (for reading only)

## Sessions (bijeenkomsten)
session-kind = Session
session-when = When
session-mode = Format
session-mode-online = Online
session-mode-physical = In person
session-mode-hybrid = In person and online
session-place = Place
session-link = Link to take part
session-places = Places
session-places-taken = { $count } taken
session-no-limit = no limit
session-ics = Add to your calendar (.ics)
session-about = About these dilemmas
session-registrations = Registrations
session-no-registrations = No collectives registered yet.
session-register-for = Register on behalf of
session-register = Register
session-cancel-registration = Withdraw
session-cancel = Cancel the session
registration-pending = sent, awaiting an answer
registration-accepted = registered
registration-waiting = on the waiting list
registration-cancelled = withdrawn
registration-rejected = not admitted
session-new-title = New session
session-new-intro = Organise a session on behalf of { $collective } where collectives discuss a dilemma together.
session-create = Create the session
session-edit = Change the session
session-edit-title = Change the session
session-edit-intro = Collectives that registered see the change on their own server too.
session-save = Save the changes
field-session-dilemma = Web address of the dilemma
hint-session-dilemma = The address of a public dilemma, on this or another server.
field-session-description = Details
field-session-starts = Starts at
field-session-ends = Ends at
hint-session-time = In Dutch time (Europe/Amsterdam).
hint-session-link = Only registered collectives see this link.
field-session-capacity = Number of places
hint-session-capacity = How many collectives can take part; leave empty for no limit. Those who come later are put on the waiting list.
error-session-title = Give the session a title.
error-session-mode = Choose a format: online, in person or both.
error-session-time = Fill in a start and end time, such as 2027-01-14 19:30.
error-session-end = The session must end after it starts.
error-session-past = The session must be in the future.
error-session-capacity = The number of places is a whole number from 1, or empty.
error-session-dilemma = Fill in the web address of the dilemma the session is about.
error-session-invalid = This could not be saved: check that the dilemma is public and that the link starts with https://.
collective-sessions = Sessions
collective-calendar = Calendar (.ics)
collective-new-session = Organise a session
dilemma-sessions = Sessions about this dilemma
dilemma-organise-session = Organise a session about this dilemma
session-outcome = Outcome
session-took-part = Took part:
session-write-outcome = Record the outcome
field-session-conclusions = Conclusions
field-session-candidate = Proposed solution
hint-session-candidate = Added to the dilemma as a solution, marked 'from a session'. The dilemma's collective can accept it.
session-save-outcome = Save the outcome
solution-from-session = from a session
settings-notify-session-reminders = A reminder a day before a session your collective registered for
notification-session-reminder = Tomorrow: a session by { $name } your collective registered for.
settings-notify-mentions = Someone mentions me (@name) in a dilemma, solution or comment
notification-mention = { $name } mentioned you in a solution or comment.
notification-mention-dilemma = { $name } mentioned you in a dilemma.
notification-invitation = { $name } asks whether you can help with a dilemma.
dilemma-invitations = Asked to help
invitation-answered = has answered
invitation-waiting = no answer yet
field-invite-target = Whom do you want to ask?
hint-invite-target = A collective or person as @name@server, on this or another server. They are notified.
invite = Ask to help
desk-title = Desk
desk-intro = Open dilemmas of the collectives you follow: those waiting longest for an answer come first.
desk-all-themes = All themes
desk-filter = Filter
desk-empty = No open dilemmas among the collectives you follow.
desk-answers = { $count } answers
desk-waiting-since = waiting since
desk-invitations = { $count } asked
desk-sessions = { $count } sessions
desk-wider-title = Elsewhere in the network
desk-wider-intro = Open dilemmas of collectives you do not follow, here and on the other servers this server knows.
desk-wider-ask = Search elsewhere too
desk-wider-empty = No other open dilemmas found.
desk-wider-on = on { $host }
desk-wider-unreachable = No answer from: { $hosts }
desk-solutions = { $count } solutions
desk-asked-on = asked on

## Learning programmes
collective-programmes = Learning programmes
collective-new-programme = Build a learning programme
programme-kind = Learning programme
programme-steps = Steps
programme-target-dilemma = Dilemma
programme-target-solution = Solution
programme-target-document = Document
programme-target-session = Session
programme-done-for = Done by { $collective }
programme-notes = Notes
programme-save-progress = Save progress
programme-progress = Progress of the collectives
programme-progress-caption = Which steps each collective following the programme has done
programme-no-followers = No collectives follow this programme yet.
programme-collective = Collective
programme-step-n = Step { $n }
programme-step-done = done
programme-delete = Delete the programme
programme-followed-by = { $collective } follows this programme.
programme-unfollow = Stop following
programme-follow-for = Follow for
programme-follow = Follow the programme
programme-new-title = New learning programme
programme-new-intro = Build a learning programme for { $collective }: steps along dilemmas, solutions, documents and sessions, on this or other servers.
field-programme-description = What is the programme about, and who is it for?
hint-programme-steps = Each step has a short text and the web address of a public dilemma, solution, document or session. Leave the steps you do not need empty.
field-step-text = What happens in this step?
field-step-target = Web address
programme-create = Create the programme
error-programme-title = Give the programme a title.
error-programme-steps = Fill in at least one step.
error-programme-step-incomplete = Every step has a text and a web address.
error-programme-invalid = This could not be saved: check that each web address points at a public dilemma, solution, document or session.

## Koppelen: suggestions and expertise
suggestions-title = Who can help?
suggestions-intro = Collectives that solved a similar dilemma, and people who know about this subject. One click invites them to answer.
suggestion-collective = collective
suggestion-person = person
suggestion-solved = Solved:
suggestion-answered = Wrote the solution to:
suggestion-confirmed = confirmed { $count } times
suggestion-expertise = Knows about:
suggestion-invited = Already invited.
settings-expertise = What you know about
settings-expertise-intro = What do you know a lot about? Support organisations can then ask you to help with a dilemma. Other servers see this on your profile.
field-expertise-description = In your own words
hint-expertise-description = For example: lawyer, treasurer, experience with grant applications. At most 300 characters.
settings-expertise-save = Save
suggestions-network-title = On other servers
suggestions-network-none = Other servers knew no collective that solved a similar dilemma.
suggestions-network-ask = Also ask other servers who can help

# Atom feeds
feed-search = Search
feed-solutions = { $count ->
    [one] 1 solution
   *[other] { $count } solutions
}
feed-follow = Follow the dilemmas as a feed (Atom)
feed-follow-search = Follow this search as a feed (Atom)

# Removing what one wrote
remove-dilemma-title = Remove this dilemma?
remove-solution-title = Remove this solution?
remove-comment-title = Remove this comment?
remove-document-title = Remove this document?
remove-document-named = Remove { $title }
remove-explained = It disappears here and on the other servers that have it. This cannot be undone.
remove-confirm = Yes, remove it
remove-cancel = No, go back
remove-link = Remove
removed-notice = The dilemma has been removed.

# Beheer: collectives
admin-collectives = Collectives
admin-collective-new = New collective
admin-collective-new-title = New collective
admin-collective-edit = Edit profile
admin-collective-edit-title = The collective's profile
admin-collective-edit-intro = Followers of the collective on other servers are sent the change.
admin-collective-create = Create the collective
admin-collective-save = Save
field-collective-summary = About the collective
field-neighbourhood = Neighbourhood
field-collective-closed = New followers wait for a coordinator's approval
error-collective-taken = That name or short name is already in use here.
error-collective-fields = Give a name (at most 200 characters) and, for a new collective, a short name of lowercase letters, digits and _.

## E-mail
mail-greeting = Hello { $name },
mail-greeting-plain = Hello,
mail-not-you = Didn't do this? Then you can ignore this mail.
mail-confirm-subject = Confirm your e-mail address for { $instance }
mail-confirm-body = You gave this e-mail address at { $instance }. Confirm it with the link below; after that you get messages here and can ask for a new password.
mail-confirm-action = Confirm e-mail address
mail-reset-subject = A new password for { $instance }
mail-reset-body = A new password was asked for your account { $name } at { $instance }. Choose a new password with the link below. The link works for an hour, and only once.
mail-reset-not-you = Didn't ask for this? Then you need not do anything: your password stays the same.
mail-reset-action = Choose a new password
mail-approved-subject = Your account at { $instance } was approved
mail-approved-body = Your registration was approved. You can now log in with your account name { $name }.
mail-approved-collective = You are now a member of { $collective }.
mail-approved-action = Log in
mail-awaits-subject = { $applicant } waits for approval
mail-awaits-body = { $applicant } registered at { $instance } and waits for approval.
mail-awaits-collective = { $applicant } registered at { $instance } and wants to join { $collective }. The registration waits for approval.
mail-awaits-action = See registrations
mail-subject-daily = Your daily overview from { $instance }
mail-subject-weekly = Your weekly overview from { $instance }
mail-subject-solution = New solution for "{ $title }"
mail-subject-acceptance = Your solution for "{ $title }" was accepted
mail-subject-confirmation = Your solution for "{ $title }" worked elsewhere too
mail-subject-follow-request = Someone wants to follow { $title }
mail-subject-session-reminder = Reminder: { $title }
mail-subject-mention = You were mentioned in "{ $title }"
mail-subject-new-dilemma = New dilemmas from collectives you follow
mail-intro-daily = This happened since the previous daily overview.
mail-intro-weekly = This happened since the previous weekly overview.
mail-intro-now = This just happened.
mail-line-new-dilemma = New dilemma
mail-no-collective = Other
mail-footer-settings = Choose in your settings which messages you get by mail:
mail-footer-unsubscribe = No more mail of this kind:
field-email-optional = E-mail address (optional)
hint-email = For messages, and to ask for a new password. You first get a mail to confirm it.
error-bad-email = That is not a valid e-mail address.
settings-email = E-mail
settings-email-field = E-mail address
settings-email-confirmed = Confirmed.
settings-email-unconfirmed = Not confirmed yet: follow the link in the mail we sent.
settings-email-none = Without an e-mail address you get no mail and cannot ask for a new password.
settings-email-save = Save e-mail address
settings-email-saved = Saved. If you gave a new address, look in your mail to confirm it.
settings-mail-choices = What you get by mail
settings-mail-choices-save = Save choices
settings-mail-saved = Your mail choices were saved.
mail-kind-solution = A new solution for my dilemma
mail-kind-acceptance = My solution was accepted
mail-kind-confirmation = Someone confirms my solution
mail-kind-follow_request = A request to follow my collective
mail-kind-session_reminder = A reminder of a session
mail-kind-mention = Someone mentions me
mail-kind-new_dilemma = New dilemmas from collectives I follow
mail-kind-registration = Someone registers and waits for my approval
cadence-immediate = At once
cadence-daily = In a daily overview
cadence-weekly = In a weekly overview
cadence-off = Not
email-confirmed-title = E-mail address confirmed
email-confirmed = Your e-mail address is confirmed. From now on you get messages as you choose in your settings.
link-invalid-title = This link no longer works
link-invalid = The link was used already, has expired or is unknown. Ask for a new one if you need to.
unsubscribe-title = No more mail
unsubscribe-intro = Don't want this mail any more? { $name } then gets no more mail about:
unsubscribe-submit = Send no more mail
unsubscribe-done-title = Unsubscribed
unsubscribe-done = You get no more mail about this. You can turn it on again in your settings at any time.
forgot-title = Forgot your password
forgot-intro = Fill in your account name or your e-mail address. If your account has a confirmed e-mail address, we send a link there to choose a new password.
forgot-field = Account name or e-mail address
forgot-submit = Send link
forgot-sent-title = Look in your mail
forgot-sent = If it belongs to an account with a confirmed e-mail address, a mail with a link is on its way now. The link works for an hour.
forgot-link = Forgot your password?
reset-title = Choose a new password
reset-submit = Save password
reset-done-title = New password saved
reset-done = Your password was changed. You were logged out everywhere; log in with your new password.
