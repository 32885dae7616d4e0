package org.camelshop.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.camelshop.cart.Cart;
import org.camelshop.cart.Carts;
import org.camelshop.platform.ApiException;
import org.camelshop.platform.ApiException.FieldProblem;
import org.camelshop.platform.Json;
import org.camelshop.platform.Page;
import org.camelshop.platform.Parameters;
import org.camelshop.platform.SessionUser;
import org.camelshop.pricing.Address;
import org.camelshop.pricing.DiscountCode;
import org.camelshop.pricing.DiscountCodeRepository;
import org.camelshop.pricing.DiscountCodes;
import org.camelshop.pricing.Pricing;
import org.camelshop.pricing.Quote;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Placing and reading orders. {@code POST /api/orders/create} (routes/orders.yaml) calls {@link #place} (price the cart
 * on the server, consume it, redeem the code, store the order as pending; returns the {@link Checkout}) and, after the
 * message is on order-processing-queue, {@link #placed} (the 202 answer).
 */
public final class Orders {

    /** The body of {@code POST /api/orders/create}; prices are never taken from the client. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Placement(Address shippingAddress, Address billingAddress, String paymentMethod, String discountCode,
                            Boolean acceptTerms, String email, String notes) {
    }

    /** The 202 answer: what was ordered and what it costs; guests also get their access token, once. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Receipt(String orderId, String orderNumber, String orderStatus, String paymentStatus, long subtotal, long discount,
                          long tax, long shipping, long total, String currency, String accessToken) {
    }

    /**
     * What order-processing-queue carries: the order's key and the order as stored when it was placed, so the order
     * processor need not read it back. {@code order} leaves out the addresses and notes (the processor needs neither,
     * and a message may sit in a dead-letter queue for days); a message without it (one sent by hand) is read from the table.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Placed(String orderId, String userId, Order order) {

        /** The message of a pending order. */
        public static String of(Order order) {
            return Json.write(new Placed(order.orderId(), order.userId(), order.withoutAddresses()));
        }
    }

    /** A placed order, as the checkout route carries it: the stored order, the 202 answer and the message to queue. */
    public record Checkout(Order order, Receipt receipt, String message) {
    }

    public static final List<String> PAYMENT_METHODS = List.of("stripe", "paypal");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");
    private static final DateTimeFormatter NUMBER_DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final OrderRepository orders;
    private final Carts carts;
    private final Pricing pricing;
    private final DiscountCodes discountCodes;
    private final DiscountCodeRepository codeRepository;
    private final Cancellations cancellations;
    private final OrderAccessTokens accessTokens;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Orders(OrderRepository orders, Carts carts, Pricing pricing, DiscountCodes discountCodes, DiscountCodeRepository codeRepository,
            Cancellations cancellations, OrderAccessTokens accessTokens, Clock clock) {
        this.orders = orders;
        this.carts = carts;
        this.pricing = pricing;
        this.discountCodes = discountCodes;
        this.codeRepository = codeRepository;
        this.cancellations = cancellations;
        this.accessTokens = accessTokens;
        this.clock = clock;
    }

    /**
     * Prices the caller's cart and turns it into an order, in steps that are each safe to repeat: the order's id follows
     * from the cart and its version, so any number of requests for one cart (copies racing, a retry after a crash) name
     * the same order; the discount code is redeemed for that order, the order stored if it is not already, then the cart
     * consumed in a write conditional on its version. A copy that finds the cart consumed by another order gets
     * {@code 409 cart_checked_out}; otherwise every copy answers with the one order. {@code owner} is the cart's owner
     * ({@link Carts#owner}), {@code user} the logged-in caller or null for a guest.
     */
    public Checkout place(Placement request, String owner, SessionUser user) {
        String email = validate(request, Optional.ofNullable(user));
        Cart cart = carts.current(owner);
        if (cart.items().isEmpty()) {
            throw cart.checkedOutAs() != null ? Carts.checkedOut(cart) : ApiException.conflict("cart_empty", "Your cart is empty");
        }
        List<Quote.PricedLine> lines = carts.pricedLines(cart);
        if (request.shippingAddress() == null && !lines.stream().allMatch(Quote.PricedLine::digitalDownload)) {
            throw ApiException.invalidField("shipping_address", "is required for goods that ship");
        }
        String customer = user != null ? user.userId() : email;
        DiscountCode code = request.discountCode() == null || request.discountCode().isBlank() ? null
                : discountCodes.usable(request.discountCode(), customer);
        // tax follows the goods; a download has no shipping address, so it follows the billing address
        Quote quote = pricing.quote(lines, code, request.shippingAddress() != null ? request.shippingAddress() : request.billingAddress());
        String orderId = UUID.nameUUIDFromBytes((owner + "\n" + cart.createdAt() + "\n" + cart.version()).getBytes(StandardCharsets.UTF_8)).toString();
        String accessToken = user != null ? null : accessTokens.of(orderId);
        if (code != null && !codeRepository.redeem(code, customer, orderId)) {
            throw ApiException.conflict("discount_unavailable", "Discount code " + code.code() + " can no longer be used");
        }
        Order order = new Order(orderId, owner, orderNumber(), email, lines, quote.subtotal(), quote.discount(),
                quote.tax(), quote.shipping(), quote.total(), quote.currency(), quote.discountCode(), request.paymentMethod(), null,
                Order.PAYMENT_PENDING, request.shippingAddress(), request.billingAddress(), OrderStatus.PENDING, null, null, null, null,
                clock.instant().toString(), null, null, request.notes(), List.of(), null, Map.of(), accessToken == null ? null : sha256(accessToken), 1);
        if (!orders.insertIfAbsent(order)) {
            order = orders.find(orderId).orElseThrow(); // a copy of this checkout stored it first
        }
        carts.checkOut(cart, orderId);
        return new Checkout(order, receipt(order, accessToken), Placed.of(order));
    }

    /** After the order is queued (with the queue's message id, null if it was not): noted on the order; the answer is the receipt. */
    public Receipt placed(Checkout checkout, String messageId) {
        if (messageId != null) {
            orders.annotate(checkout.order(), Map.of("processing_queue_id", AttributeValue.fromS(messageId)));
        }
        return checkout.receipt();
    }

    private static Receipt receipt(Order order, String accessToken) {
        return new Receipt(order.orderId(), order.orderNumber(), order.orderStatus(), order.paymentStatus(), order.subtotal(),
                order.discount(), order.tax(), order.shipping(), order.total(), order.currency(), accessToken);
    }

    /**
     * An order for its owner, an admin, or a guest with its access token (the {@code X-Order-Token} header, else the
     * {@code token} of a link); anyone else gets a 404, not a 403.
     */
    public Order get(String orderId, SessionUser user, String headerToken, String linkToken) {
        Order order = orders.find(orderId).orElseThrow(() -> ApiException.notFound("Order " + orderId));
        boolean owner = user != null && (user.isAdmin() || user.userId().equals(order.userId()));
        String token = headerToken != null ? headerToken : linkToken;
        boolean guestWithToken = order.accessTokenHash() != null && token != null && MessageDigest.isEqual(
                sha256(token).getBytes(StandardCharsets.UTF_8), order.accessTokenHash().getBytes(StandardCharsets.UTF_8));
        if (!owner && !guestWithToken) {
            throw ApiException.notFound("Order " + orderId);
        }
        return order;
    }

    /** {@code POST /api/orders/{id}/cancel}: the owner (or a guest with the token) cancels an unpaid order. */
    public Order cancel(String orderId, SessionUser user, String headerToken, String linkToken) {
        return cancellations.byCustomer(get(orderId, user, headerToken, linkToken));
    }

    /** The mail request for an order just cancelled. */
    public String cancellationMail(Order cancelled) {
        return cancellations.cancellationMail(cancelled);
    }

    /** The logged-in user's orders, newest first. */
    public Page<Order> mine(SessionUser user, Map<String, Object> parameters) {
        String userId = user.userId();
        int page = Parameters.wholeNumber(parameters.get("page"), "page", 1, 1, 10_000);
        int pageSize = Parameters.wholeNumber(parameters.get("page_size"), "page_size", 20, 1, 100);
        return Page.of(orders.forUser(userId), page, pageSize);
    }

    /** Everything about the request that doesn't depend on the cart; a shipping address is checked if given. */
    private static String validate(Placement request, Optional<SessionUser> user) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!Boolean.TRUE.equals(request.acceptTerms())) {
            problems.add(new FieldProblem("accept_terms", "must be true"));
        }
        if (request.paymentMethod() == null || !PAYMENT_METHODS.contains(request.paymentMethod())) {
            problems.add(new FieldProblem("payment_method", "must be one of " + PAYMENT_METHODS));
        }
        if (request.billingAddress() == null) {
            problems.add(new FieldProblem("billing_address", "is required"));
        } else {
            problems.addAll(request.billingAddress().problems("billing_address"));
        }
        if (request.shippingAddress() != null) {
            problems.addAll(request.shippingAddress().problems("shipping_address"));
        }
        if (request.notes() != null && request.notes().length() > 1000) {
            problems.add(new FieldProblem("notes", "must be at most 1000 characters"));
        }
        String email = user.map(SessionUser::email).orElseGet(() -> request.email() == null ? "" : request.email().trim().toLowerCase(Locale.ROOT));
        if (user.isEmpty() && !EMAIL.matcher(email).matches()) {
            problems.add(new FieldProblem("email", "a guest order needs an e-mail address"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalidInput(problems);
        }
        return email;
    }

    private String orderNumber() {
        byte[] bytes = new byte[4];
        random.nextBytes(bytes);
        return "CS-" + NUMBER_DATE.format(clock.instant()) + "-" + HexFormat.of().withUpperCase().formatHex(bytes);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
