package org.pathlight.staff;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.OpenIdAuthenticationMechanismDefinition;

/**
 * Jakarta Security's OpenID Connect mechanism (authorization code flow with state and nonce; the ID
 * token's signature, issuer, audience and expiry are checked by Payara's Soteria), configured from
 * {@link SsoConfig}. It exists only when {@code pathlight.sso.enabled=true}: {@link SsoSwitch}
 * vetoes this class otherwise, so no request meets it. It guards {@code /staff/sso} only (see
 * {@link SsoSwitch.Registrar}); every other address keeps Pathlight's own sessions and tokens.
 */
@ApplicationScoped
@OpenIdAuthenticationMechanismDefinition(
    providerURI = "${pathlightSso.providerUri}",
    clientId = "${pathlightSso.clientId}",
    clientSecret = "${pathlightSso.clientSecret}",
    redirectURI = "${pathlightSso.redirectUri}",
    redirectToOriginalResource = false)
class SsoMechanism {}
