package org.camelshop.account;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.camelshop.platform.ApiException;
import org.camelshop.platform.ApiException.FieldProblem;
import org.camelshop.platform.SessionUser;
import org.camelshop.platform.Sessions;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** Register, log in, log out, who am I. Passwords are BCrypt-hashed (cost 10); sessions live in Redis. */
public final class Accounts {

    /** {@code POST /api/auth/register} body. */
    public record Registration(String email, String password, String name) {
    }

    /** {@code POST /api/auth/login} body. */
    public record Credentials(String email, String password) {
    }

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");
    private static final int MIN_PASSWORD = 8;
    private static final int MAX_PASSWORD = 72; // BCrypt reads at most 72 bytes

    private final AccountRepository repository;
    private final Sessions sessions;
    private final BCryptPasswordEncoder passwords = new BCryptPasswordEncoder(10);
    private final Clock clock;

    public Accounts(AccountRepository repository, Sessions sessions, Clock clock) {
        this.repository = repository;
        this.sessions = sessions;
        this.clock = clock;
    }

    public UserView register(Registration request) {
        List<FieldProblem> problems = new ArrayList<>();
        String email = normalisedEmail(request.email(), problems);
        String name = request.name() == null ? "" : request.name().trim();
        if (name.isEmpty() || name.length() > 100) {
            problems.add(new FieldProblem("name", "must be 1 to 100 characters"));
        }
        if (request.password() == null || request.password().length() < MIN_PASSWORD || request.password().length() > MAX_PASSWORD) {
            problems.add(new FieldProblem("password", "must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalidInput(problems);
        }
        return create(email, request.password(), name, SessionUser.CUSTOMER)
                .orElseThrow(() -> ApiException.conflict("email_taken", "An account with this e-mail address already exists"))
                .view();
    }

    /**
     * Creates an account unless the address is taken; used by registration and by the start-up bootstrap. A taken
     * address is seen before the password is hashed (the dear part, twice at every start), and the conditional
     * write still settles a race between two registrations.
     */
    public java.util.Optional<Account> create(String email, String password, String name, String role) {
        if (repository.findByEmail(email.toLowerCase(Locale.ROOT)).isPresent()) {
            return java.util.Optional.empty();
        }
        Account account = new Account("user-" + UUID.randomUUID(), email.toLowerCase(Locale.ROOT), name, role,
                passwords.encode(password), clock.instant().toString());
        return repository.create(account) ? java.util.Optional.of(account) : java.util.Optional.empty();
    }

    public Map<String, Object> login(Credentials request) {
        List<FieldProblem> problems = new ArrayList<>();
        String email = normalisedEmail(request.email(), problems);
        if (request.password() == null || request.password().isEmpty()) {
            problems.add(new FieldProblem("password", "is required"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalidInput(problems);
        }
        var account = repository.findByEmail(email);
        String hash = account.map(Account::passwordHash).orElseGet(() -> UnknownAccount.HASH);
        if (!passwords.matches(request.password(), hash) || account.isEmpty()) {
            throw ApiException.unauthorized("E-mail address or password is wrong");
        }
        String token = sessions.create(account.get().sessionUser());
        return Map.of("token", token, "expires_in", sessions.lifetime().toSeconds(), "user", account.get().view());
    }

    /** Ends the session of {@code token}, if the caller sent one. */
    public void logout(String token) {
        if (token != null) {
            sessions.delete(token);
        }
    }

    public UserView me(SessionUser user) {
        return repository.findById(user.userId()).map(Account::view)
                .orElseThrow(() -> ApiException.unauthorized("This account no longer exists"));
    }

    private static String normalisedEmail(String email, List<FieldProblem> problems) {
        String value = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        if (value.length() > 254 || !EMAIL.matcher(value).matches()) {
            problems.add(new FieldProblem("email", "must be an e-mail address"));
        }
        return value;
    }

    /** Compared against when the e-mail is unknown, so a miss costs as long as a wrong password; hashed on first use. */
    private static final class UnknownAccount {
        static final String HASH = new BCryptPasswordEncoder(10).encode("not-a-real-password");
    }
}
