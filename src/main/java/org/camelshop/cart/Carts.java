package org.camelshop.cart;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.camelshop.catalog.Product;
import org.camelshop.catalog.ProductQuery;
import org.camelshop.catalog.ProductRepository;
import org.camelshop.catalog.Variant;
import org.camelshop.platform.ApiException;
import org.camelshop.platform.ApiException.FieldProblem;
import org.camelshop.platform.SessionUser;
import org.camelshop.pricing.Address;
import org.camelshop.pricing.DiscountCode;
import org.camelshop.pricing.DiscountCodes;
import org.camelshop.pricing.Pricing;
import org.camelshop.pricing.Quote;

/**
 * The shopping cart of a logged-in user, or of a guest identified by {@code X-Session-Id}. Quantities are checked
 * against stock when they change; prices always come from the catalog when the cart is shown or quoted. Every
 * operation takes the caller as the route passes it: the logged-in user (or null) and the guest session header.
 */
public final class Carts {

    public static final int MAX_QUANTITY = 99;
    private static final int WRITE_ATTEMPTS = 10;
    private static final String GUEST = "guest-";

    /** {@code POST /api/cart/add} and {@code PUT /api/cart/update} body. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record LineRequest(String productId, Integer quantity, String variantId) {
    }

    /** {@code POST /api/cart/quote} body; both fields optional. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record QuoteRequest(String discountCode, Address shippingAddress) {
    }

    /** A line as the shopper sees it, priced from the catalog now. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LineView(String productId, String name, String imageUrl, long unitPrice, int quantity, long lineTotal,
                           boolean digitalDownload, boolean available, int stockQuantity, String variantId, String variant) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CartView(List<LineView> items, int itemCount, long subtotal, String currency, String updatedAt) {
    }

    private final CartRepository carts;
    private final ProductRepository products;
    private final Pricing pricing;
    private final DiscountCodes discountCodes;
    private final Clock clock;
    private final Duration lifetime;
    private final String currency;

    public Carts(CartRepository carts, ProductRepository products, Pricing pricing, DiscountCodes discountCodes, Clock clock,
            CartSettings settings) {
        this.carts = carts;
        this.products = products;
        this.pricing = pricing;
        this.discountCodes = discountCodes;
        this.clock = clock;
        this.lifetime = settings.lifetime();
        this.currency = settings.currency();
    }

    public CartView view(SessionUser user, String session) {
        return view(current(owner(user, session)));
    }

    public CartView add(LineRequest line, SessionUser user, String session) {
        LineRequest request = valid(line, 1);
        Product product = available(request.productId());
        Optional<Variant> variant = product.variant(request.variantId());
        return view(change(owner(user, session), cart -> {
            int wanted = cart.quantityOf(product.productId(), request.variantId()) + request.quantity();
            checkQuantity(product, variant, wanted);
            return cart.withQuantity(product.productId(), request.variantId(), wanted, now());
        }), Map.of(product.productId(), product));
    }

    public CartView update(LineRequest line, SessionUser user, String session) {
        LineRequest request = valid(line, 0);
        String owner = owner(user, session);
        if (current(owner).quantityOf(request.productId(), request.variantId()) == 0) {
            throw ApiException.notFound("Product " + request.productId() + (request.variantId() == null ? "" : " (" + request.variantId() + ")")
                    + " in your cart");
        }
        Product product = request.quantity() == 0 ? null : available(request.productId());
        Optional<Variant> variant = product == null ? Optional.empty() : product.variant(request.variantId());
        return view(change(owner, cart -> {
            if (product != null) {
                checkQuantity(product, variant, request.quantity());
            }
            return cart.withQuantity(request.productId(), request.variantId(), request.quantity(), now());
        }), product == null ? Map.of() : Map.of(product.productId(), product));
    }

    /** Removes the line of a product, or of one of its variants ({@code variantId}; null for a product without options). */
    public CartView remove(String productId, String variantId, SessionUser user, String session) {
        String id = ProductQuery.validProductId(productId == null ? "" : productId);
        String variant = variantId == null ? null : ProductQuery.validProductId(variantId);
        return view(change(owner(user, session), cart -> cart.withQuantity(id, variant, 0, now())));
    }

    public CartView clear(SessionUser user, String session) {
        return view(change(owner(user, session), cart -> cart.cleared(now())));
    }

    /**
     * After login: the guest cart of {@code X-Session-Id} joins the user's cart, quantities added and capped by
     * stock, and the guest cart is removed.
     */
    public CartView merge(SessionUser user, String session) {
        String userId = user.userId();
        String guest = guestOwner(session).orElseThrow(() -> ApiException.invalidField("X-Session-Id", "must be the guest session's UUID"));
        Cart guestCart = current(guest);
        if (guestCart.items().isEmpty()) {
            return view(current(userId));
        }
        Map<String, Product> stock = products.findAll(guestCart.items().stream().map(Cart.Line::productId).toList());
        Cart merged = change(userId, cart -> {
            Cart result = cart;
            for (Cart.Line line : guestCart.items()) {
                Product product = stock.get(line.productId());
                if (product != null && Product.ACTIVE.equals(product.status()) && product.sells(line.variantId())) {
                    int inStock = product.stockOf(product.findVariant(line.variantId()));
                    int wanted = Math.min(cart.quantityOf(line.productId(), line.variantId()) + line.quantity(), Math.min(inStock, MAX_QUANTITY));
                    result = wanted > 0 ? result.withQuantity(line.productId(), line.variantId(), wanted, now()) : result;
                }
            }
            return result;
        });
        carts.delete(guest);
        return view(merged);
    }

    /** The quote of the cart; {@code quote} is null when the caller sent no body (both its fields are optional). */
    public Quote quote(QuoteRequest quote, SessionUser user, String session) {
        QuoteRequest request = quote == null ? new QuoteRequest(null, null) : quote;
        if (request.shippingAddress() != null) {
            List<FieldProblem> problems = request.shippingAddress().problems("shipping_address");
            if (!problems.isEmpty()) {
                throw ApiException.invalidInput(problems);
            }
        }
        String owner = owner(user, session);
        DiscountCode code = request.discountCode() == null || request.discountCode().isBlank() ? null
                : discountCodes.usable(request.discountCode(), owner);
        return pricing.quote(pricedLines(current(owner)), code, request.shippingAddress());
    }

    /**
     * Consumes {@code cart} for the order {@code orderId}: one conditional write on the version that was priced. Done
     * also when the cart was already consumed by this very order (a copy of the request got there first); another
     * order's consumption is {@code 409 cart_checked_out}, an edit since then {@code 409 cart_changed}.
     */
    public void checkOut(Cart cart, String orderId) {
        if (carts.save(cart.checkedOut(orderId, now())).isPresent()) {
            return;
        }
        Cart now = current(cart.userId());
        if (orderId.equals(now.checkedOutAs())) {
            return;
        }
        throw now.checkedOutAs() != null && now.items().isEmpty() ? checkedOut(now)
                : ApiException.conflict("cart_changed", "Your cart changed while you were checking out; review it and try again");
    }

    /** The answer for a cart that already became an order. */
    public static ApiException checkedOut(Cart cart) {
        return ApiException.conflict("cart_checked_out", "This cart was already checked out as order " + cart.checkedOutAs()
                + "; see your orders");
    }

    /** The cart's lines priced from the catalog; a line whose product can't be sold any more is a 409. */
    public List<Quote.PricedLine> pricedLines(Cart cart) {
        Map<String, Product> found = products.findAll(cart.items().stream().map(Cart.Line::productId).toList());
        List<Quote.PricedLine> lines = new ArrayList<>();
        for (Cart.Line line : cart.items()) {
            Product product = found.get(line.productId());
            if (product == null || !Product.ACTIVE.equals(product.status()) || !product.sells(line.variantId())) {
                throw ApiException.conflict("product_unavailable", "Product " + line.productId() + " can no longer be bought; remove it from your cart");
            }
            Optional<Variant> variant = product.findVariant(line.variantId());
            lines.add(Pricing.line(product.productId(), line.variantId(), product.labelOf(variant), product.name(), product.priceOf(variant),
                    line.quantity(), product.digitalDownload()));
        }
        return lines;
    }

    /** The caller's cart (empty if none or expired). */
    public Cart current(String owner) {
        return carts.find(owner).filter(cart -> cart.expiresAt() == 0 || cart.expiresAt() > clock.instant().getEpochSecond())
                .orElseGet(() -> Cart.empty(owner, now()));
    }

    /** Whose cart a request means: the logged-in user's, else the guest session's; neither is a 400. */
    public static String owner(SessionUser user, String session) {
        return Optional.ofNullable(user).map(SessionUser::userId)
                .or(() -> guestOwner(session))
                .orElseThrow(() -> ApiException.invalidField("X-Session-Id", "log in, or send your guest session's UUID"));
    }

    private static Optional<String> guestOwner(String session) {
        if (session == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(GUEST + UUID.fromString(session.trim()));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("X-Session-Id", "must be a UUID");
        }
    }

    private Cart change(String owner, UnaryOperator<Cart> change) {
        for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
            Cart cart = current(owner);
            Cart changed = change.apply(cart);
            if (changed.items().equals(cart.items())) {
                return cart; // nothing changed (clearing an empty cart, removing what is not in it): nothing to write
            }
            Cart expiring = new Cart(changed.userId(), changed.items(), changed.createdAt(), changed.updatedAt(),
                    clock.instant().plus(lifetime).getEpochSecond(), changed.version(), changed.checkedOutAs());
            Optional<Cart> saved = carts.save(expiring);
            if (saved.isPresent()) {
                return saved.get();
            }
            backOff(attempt);
        }
        throw ApiException.conflict("concurrent_update", "Your cart is being changed elsewhere; try again");
    }

    /** Someone else changed the cart first: wait a little, at random, so racing writers don't collide again. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 5L * (attempt + 1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.conflict("concurrent_update", "Interrupted while saving your cart");
        }
    }

    private CartView view(Cart cart) {
        return view(cart, Map.of());
    }

    /** {@code known}: products this request has just read (consistently), so they are not read again. */
    private CartView view(Cart cart, Map<String, Product> known) {
        Map<String, Product> found = new HashMap<>(products.findAll(cart.items().stream().map(Cart.Line::productId)
                .filter(id -> !known.containsKey(id)).toList()));
        found.putAll(known);
        List<LineView> lines = new ArrayList<>();
        long subtotal = 0;
        for (Cart.Line line : cart.items()) {
            Product product = found.get(line.productId());
            boolean sold = product != null && Product.ACTIVE.equals(product.status()) && product.sells(line.variantId());
            Optional<Variant> variant = sold ? product.findVariant(line.variantId()) : Optional.empty();
            int stock = sold ? product.stockOf(variant) : 0;
            boolean available = sold && stock >= line.quantity();
            long price = product == null ? 0 : product.priceOf(variant);
            String image = variant.map(Variant::image).orElse(product == null ? null : product.imageUrl());
            lines.add(new LineView(line.productId(), product == null ? null : product.name(), image,
                    price, line.quantity(), price * line.quantity(), product != null && product.digitalDownload(), available,
                    stock, line.variantId(), product == null ? null : product.labelOf(variant)));
            subtotal += available ? price * line.quantity() : 0;
        }
        return new CartView(lines, lines.stream().mapToInt(LineView::quantity).sum(), subtotal, currency, cart.updatedAt());
    }

    private static LineRequest valid(LineRequest request, int minimum) {
        List<FieldProblem> problems = new ArrayList<>();
        if (request.productId() == null || request.productId().isBlank()) {
            problems.add(new FieldProblem("product_id", "is required"));
        }
        if (request.quantity() == null || request.quantity() < minimum || request.quantity() > MAX_QUANTITY) {
            problems.add(new FieldProblem("quantity", "must be a whole number from " + minimum + " to " + MAX_QUANTITY));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalidInput(problems);
        }
        ProductQuery.validProductId(request.productId());
        return request;
    }

    private Product available(String productId) {
        return products.find(productId).filter(p -> Product.ACTIVE.equals(p.status()))
                .orElseThrow(() -> ApiException.notFound("Product " + productId));
    }

    private static void checkQuantity(Product product, Optional<Variant> variant, int wanted) {
        if (wanted > MAX_QUANTITY) {
            throw ApiException.invalidField("quantity", "a cart holds at most " + MAX_QUANTITY + " of one product");
        }
        int stock = product.stockOf(variant);
        if (wanted > stock) {
            String what = variant.isEmpty() ? product.name() : product.name() + " (" + product.labelOf(variant) + ")";
            throw new ApiException(409, "out_of_stock", "Only " + stock + " of " + what + " in stock",
                    List.of(new FieldProblem("quantity", "at most " + stock + " available")));
        }
    }

    private String now() {
        return clock.instant().toString();
    }
}
