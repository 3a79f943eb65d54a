// Shared by the upload check on the server and the file inputs in the browser.
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Attachments in one request form or message (the server's body limit for those pages counts on it). */
export const MAX_FILES_PER_FORM = 5;
export const ACCEPTED_UPLOAD_TYPES = ["application/pdf", "image/png", "image/jpeg", "image/webp"] as const;
export const ACCEPT_ATTRIBUTE = ".pdf,.png,.jpg,.jpeg,.webp,application/pdf,image/png,image/jpeg,image/webp";
