"""mod_auth_form: Login form authentication backed by a session."""
from apachepy.config.registry import ACCESS_CONF, FLAG, ITERATE, OR_AUTHCFG, TAKE1, D, Module

MODULE = Module("auth_form_module", "mod_auth_form.c", debian="shared",
                doc="Login form authentication backed by a session", directives=[
    D("AuthFormProvider", ITERATE, OR_AUTHCFG, "specify the auth providers for a directory or location",
      doc="Providers consulted to check credentials posted by the login form", default="file"),
    D("AuthFormUsername", TAKE1, OR_AUTHCFG, "The field of the login form carrying the username",
      doc="Name of the form field holding the user name", default="httpd_username"),
    D("AuthFormPassword", TAKE1, OR_AUTHCFG, "The field of the login form carrying the password",
      doc="Name of the form field holding the password", default="httpd_password"),
    D("AuthFormLocation", TAKE1, OR_AUTHCFG,
      "The field of the login form carrying the URL to redirect on successful login.",
      doc="Name of the form field holding the URL to go to after logging in", default="httpd_location"),
    D("AuthFormMethod", TAKE1, OR_AUTHCFG,
      "The field of the login form carrying the original request method.",
      doc="Name of the form field holding the original request method", default="httpd_method"),
    D("AuthFormMimetype", TAKE1, OR_AUTHCFG,
      "The field of the login form carrying the original request mimetype.",
      doc="Name of the form field holding the original request's media type", default="httpd_mimetype"),
    D("AuthFormBody", TAKE1, OR_AUTHCFG,
      "The field of the login form carrying the urlencoded original request body.",
      doc="Name of the form field holding the original request body", default="httpd_body"),
    D("AuthFormSize", TAKE1, ACCESS_CONF, "Maximum size of body parsed by the form parser",
      doc="Largest login form body that will be parsed", default="8192"),
    D("AuthFormLoginRequiredLocation", TAKE1, OR_AUTHCFG,
      "If set, redirect the browser to this URL rather than return 401 Not Authorized.",
      doc="URL to redirect to instead of answering 401 when a login is needed"),
    D("AuthFormLoginSuccessLocation", TAKE1, OR_AUTHCFG,
      "If set, redirect the browser to this URL when a login processed by the login handler is successful.",
      doc="URL to redirect to after a successful login through the login handler"),
    D("AuthFormLogoutLocation", TAKE1, OR_AUTHCFG,
      "The URL of the logout successful page. An attempt to access an URL handled by the handler "
      "form-logout-handler will result in an redirect to this page after logout.",
      doc="URL to redirect to after logging out through the logout handler"),
    D("AuthFormSitePassphrase", TAKE1, OR_AUTHCFG,
      "If set, use this passphrase to determine whether the user should be authenticated. Bypasses the user "
      "authentication check on every website hit, and is useful for high traffic sites.",
      doc="Shared passphrase that bypasses the provider check for a faster login"),
    D("AuthFormAuthoritative", FLAG, OR_AUTHCFG,
      "Set to 'Off' to allow access control to be passed along to lower modules if the UserID is not known "
      "to this module",
      doc="Whether an unknown user fails here or is left to later modules", default="On"),
    D("AuthFormFakeBasicAuth", FLAG, OR_AUTHCFG,
      "Set to 'On' to pass through authentication to the rest of the server as a basic authentication "
      "header.",
      doc="Whether an Authorization header is synthesised for the rest of the server", default="Off"),
    D("AuthFormDisableNoStore", FLAG, OR_AUTHCFG,
      "Set to 'on' to stop the sending of a Cache-Control no-store header with the login screen. This "
      "allows the browser to cache the credentials, but at the risk of it being possible for the login form "
      "to be resubmitted and revealed to the backend server through XSS. Use at own risk.",
      doc="Whether the login page may be cached (no Cache-Control: no-store)", default="Off"),
])
