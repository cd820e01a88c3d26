import { AppError } from '../../model/errors.js';

/**
 * The errors an image upload can end in, with the ids Mattermost gives each kind of upload. The edge raises the
 * first three while it reads the multipart body; the app raises the rest while it decodes the image.
 */
export interface UploadErrors {
  /** The upload passed the size limit (413). */
  tooLarge(): AppError;
  /** The body is not a multipart form, or it is broken (400). */
  parse(): AppError;
  /** The form has no `image` file (400). */
  noFile(): AppError;
  /** The file is not a PNG, JPEG, GIF or WebP image, or it does not decode (400). */
  decode(): AppError;
  /** The image has more pixels than a picture may (400). */
  tooManyPixels(): AppError;
}

const uploadErrors = (prefix: string, what: string): UploadErrors => ({
  tooLarge: () => new AppError(`${prefix}.too_large.app_error`, `Unable to upload ${what}. File is too large.`, 413),
  parse: () => new AppError(`${prefix}.parse.app_error`, 'Could not parse multipart form.', 400),
  noFile: () => new AppError(`${prefix}.no_file.app_error`, 'No file under \'image\' in request.', 400),
  decode: () => new AppError(`${prefix}.decode.app_error`, `Could not decode ${what}: use a PNG, JPEG, GIF or WebP image.`, 400),
  tooManyPixels: () => new AppError(`${prefix}.too_large.app_error`, `Unable to upload ${what}. The image has too many pixels.`, 400),
});

export const PROFILE_IMAGE_ERRORS = uploadErrors('api.user.upload_profile_user', 'profile image');
export const TEAM_ICON_ERRORS = uploadErrors('api.team.set_team_icon', 'team icon');
