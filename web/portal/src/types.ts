// The shapes of docs/portal-api.yaml (the JSON API of `bluemeet portal`, /api/v1).

export type Lang = 'en' | 'it';
export type Registration = 'open' | 'invite' | 'approval';
export type UserStatus = 'active' | 'pending' | 'disabled';

export type Permission =
  | 'CreateRoom'
  | 'ManageUsers'
  | 'ManageRooms'
  | 'ManageRecordings'
  | 'ManageSiteSettings'
  | 'ManageRoles'
  | 'SharedList'
  | 'CanRecord'
  | (string & {});

/** The permissions the portal knows, in the order the roles editor shows them. */
export const KNOWN_PERMISSIONS: Permission[] = [
  'CreateRoom',
  'ManageUsers',
  'ManageRooms',
  'ManageRecordings',
  'ManageSiteSettings',
  'ManageRoles',
  'SharedList',
  'CanRecord',
];

export interface RoleRef {
  id: string;
  name: string;
}

export interface User {
  id: string;
  name: string;
  email: string;
  language: Lang;
  role: RoleRef;
  permissions: Permission[];
  verified: boolean;
  status: UserStatus;
}

export interface AdminUser extends User {
  createdAt: number;
}

export interface Site {
  name: string;
  registration: Registration;
  primaryColor: string;
  logoUrl: string | null;
  defaultLanguage: Lang;
  /** The footer's links: absolute http(s) URLs, empty when unset. */
  termsUrl: string;
  privacyUrl: string;
  accessibilityUrl: string;
  helpUrl: string;
}

/** The site's optional links, in the footer's order (in `Site` and `SiteSettings`). */
export const SITE_LINK_KEYS = ['termsUrl', 'privacyUrl', 'accessibilityUrl', 'helpUrl'] as const;
export type SiteLinkKey = (typeof SITE_LINK_KEYS)[number];
/** A site link's longest length, as the server checks it. */
export const SITE_LINK_MAX = 500;

export interface SessionInfo {
  user: User | null;
  csrfToken: string;
  site: Site;
}

export interface RoomOptions {
  record: boolean;
  muteOnStart: boolean;
  guestApproval: boolean;
  anyoneCanStart: boolean;
  allModerators: boolean;
  requireSignIn: boolean;
  viewerAccessCode: string;
  moderatorAccessCode: string;
}

export type BooleanRoomOption = {
  [K in keyof RoomOptions]: RoomOptions[K] extends boolean ? K : never;
}[keyof RoomOptions];

export const BOOLEAN_ROOM_OPTIONS: BooleanRoomOption[] = [
  'record',
  'muteOnStart',
  'guestApproval',
  'anyoneCanStart',
  'allModerators',
  'requireSignIn',
];

export const ROOM_OPTION_NAMES: (keyof RoomOptions)[] = [
  ...BOOLEAN_ROOM_OPTIONS,
  'viewerAccessCode',
  'moderatorAccessCode',
];

export interface Room {
  friendlyId: string;
  name: string;
  url: string;
  owner: { id: string; name: string };
  mine: boolean;
  running: boolean;
  lastSession: number | null;
  options: RoomOptions;
  /** The default presentation sent with every meeting of the room, or null. */
  presentation: RoomPresentation | null;
}

export interface RoomPresentation {
  name: string;
  /** Bytes. */
  size: number;
  /** Unix milliseconds. */
  uploadedAt: number;
}

/** The files `PUT /rooms/{id}/presentation` takes (the server decides by their first bytes), and its size limit. */
export const PRESENTATION_ACCEPT = '.pdf,.png,.jpg,.jpeg';
export const PRESENTATION_MAX_BYTES = 20 * 1024 * 1024;

export interface PublicRoom {
  friendlyId: string;
  name: string;
  ownerName: string;
  running: boolean;
  viewerCodeRequired: boolean;
  moderatorCodeAvailable: boolean;
  requireSignIn: boolean;
}

export function isFullRoom(r: Room | PublicRoom): r is Room {
  return (r as Room).options !== undefined && (r as Room).owner !== undefined;
}

export interface ShareUser {
  id: string;
  name: string;
  email: string;
}

export type Visibility = 'published' | 'unpublished' | 'protected' | 'public' | 'publicProtected';
export const VISIBILITIES: Visibility[] = ['published', 'unpublished', 'protected', 'public', 'publicProtected'];

export interface RecordingFormat {
  type: string;
  url: string;
}

export interface Recording {
  recordId: string;
  name: string;
  visibility: Visibility;
  startTime: number;
  lengthMinutes: number;
  participants: number;
  formats: RecordingFormat[];
}

/** A recording as `GET /admin/recordings` lists it: with its room and the room's owner. */
export interface AdminRecording extends Recording {
  room: { friendlyId: string; name: string };
  owner: { id: string; name: string };
}

export interface Attendee {
  name: string;
  joinedAt: number;
  leftAt: number | null;
  durationSeconds: number;
  moderator: boolean;
}

export interface AttendanceSession {
  startedAt: number;
  endedAt: number | null;
  attendees: Attendee[];
}

export interface Role {
  id: string;
  name: string;
  permissions: Permission[];
  /** Administrator, User and Guest: they keep their names and cannot be deleted. */
  builtin: boolean;
  /** How many users have the role. */
  users: number;
}

/** The built-in Administrator role keeps every permission (the server refuses to take any away). */
export function isAdministratorRole(role: Pick<Role, 'name' | 'builtin'>): boolean {
  return role.builtin && role.name === 'Administrator';
}

/** The known permissions first (in their order), then any others the roles carry, sorted. */
export function permissionChoices(roles: readonly Pick<Role, 'permissions'>[]): Permission[] {
  const extra = new Set<Permission>();
  for (const r of roles) for (const p of r.permissions) if (!KNOWN_PERMISSIONS.includes(p)) extra.add(p);
  return [...KNOWN_PERMISSIONS, ...[...extra].sort()];
}

/** An open invitation (not used, not revoked, not expired). */
export interface Invitation {
  id: string;
  email: string;
  createdAt: number;
  expiresAt: number;
}

/** The answer to creating an invitation: the only time its link is given. */
export interface CreatedInvitation {
  invitation: Invitation & { link: string };
  /** The link was mailed (a mail server is configured); else it must be passed on by hand. */
  mailed: boolean;
}

export interface SiteSettings {
  registration: Registration;
  name: string;
  primaryColor: string;
  defaultRoomOptions: RoomOptions;
  forcedRoomOptions: (keyof RoomOptions)[];
  termsUrl: string;
  privacyUrl: string;
  accessibilityUrl: string;
  helpUrl: string;
}

/** The image types `PUT /admin/logo` takes, and its size limit. */
export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/svg+xml', 'image/webp'] as const;
export type LogoType = (typeof LOGO_TYPES)[number];
export const LOGO_MAX_BYTES = 512 * 1024;

export interface Usage {
  users: number;
  rooms: number;
  runningMeetings: number;
  recordings: number;
}

export type JoinResult = { joinUrl: string; waiting?: undefined } | { waiting: true; joinUrl?: undefined };
