/**
 * The one error type of Parley. Raised in the app layer, rendered once at the
 * HTTP/WebSocket edge in the Mattermost shape.
 */
export class AppError extends Error {
  constructor(
    readonly id: string,
    message: string,
    readonly statusCode: number,
    readonly detail = '',
  ) {
    super(message);
    this.name = 'AppError';
  }

  toJSON(requestId?: string): MattermostErrorBody {
    return {
      id: this.id,
      message: this.message,
      detailed_error: '',
      ...(requestId ? { request_id: requestId } : {}),
      status_code: this.statusCode,
    };
  }
}

export interface MattermostErrorBody {
  id: string;
  message: string;
  detailed_error: string;
  request_id?: string;
  status_code: number;
}

export const badParam = (name: string): AppError =>
  new AppError('api.context.invalid_param.app_error', `Invalid or missing ${name} parameter.`, 400);

export const badBodyParam = (name: string): AppError =>
  new AppError('api.context.invalid_body_param.app_error', `Invalid or missing ${name} in request body.`, 400);

export const badUrlParam = (name: string): AppError =>
  new AppError('api.context.invalid_url_param.app_error', `Invalid or missing ${name} parameter in request URL.`, 400);

export const sessionExpired = (): AppError =>
  new AppError('api.context.session_expired.app_error', 'Invalid or expired session, please login again.', 401);

export const forbidden = (): AppError =>
  new AppError('api.context.permissions.app_error', 'You do not have the appropriate permissions.', 403);

export const notFound = (what: string): AppError =>
  new AppError(`app.${what}.get.app_error`, `Unable to find the ${what}.`, 404);
