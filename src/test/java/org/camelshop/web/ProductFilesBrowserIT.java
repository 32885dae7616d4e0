package org.camelshop.web;

import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.camelshop.local.LocalStack;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.camelshop.platform.AwsClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The admin's product form with files: a digital product gets two pictures (reordered, so the second becomes the
 * primary one) and the file buyers download; the storefront's gallery shows both pictures from S3.
 */
@ExtendWith({LocalStackExtension.class, BrowserExtension.class})
class ProductFilesBrowserIT {

    @Test
    void anAdminGivesADigitalProductPicturesAndItsFile(Browser browser, RunningShop shop, LocalStack stack) throws Exception {
        browser.login("admin@shop.local", "admin-password", "/admin-shop.html");

        String tag = UUID.randomUUID().toString().substring(0, 8);
        String name = "Field Guide " + tag;
        Path front = file("front-" + tag + ".png", png(0x1f4e79));
        Path back = file("back-" + tag + ".png", png(0x7a1f2b));
        byte[] guide = pdf();
        Path pdf = file("Field Guide " + tag + ".pdf", guide);

        browser.click("#new-product");
        browser.type("#pf-name", name);
        browser.type("#pf-sku", "FG-" + tag);
        browser.type("#pf-price", "9.99");
        browser.type("#pf-stock", "1000");
        browser.select("#pf-category", "Digital Downloads");
        browser.selectText("#pf-subcategory", "PDFs");
        browser.find("#pf-digital").click();
        browser.find("#pf-image").sendKeys(front.toAbsolutePath() + "\n" + back.toAbsolutePath());
        browser.find("#pf-file").sendKeys(pdf.toAbsolutePath().toString());
        browser.screenshot("admin-digital-product-form");
        browser.click("#pf-save");
        browser.waitForText("#status", "Saved " + name);

        JsonNode product = json(shop.get("/api/products?q=" + tag)).get("items").get(0);
        String productId = product.get("product_id").asText();
        assertEquals("Field-Guide-" + tag + ".pdf", product.get("download_file").asText());
        assertEquals(2, product.get("images").size());
        String frontUrl = product.get("images").get(0).asText();
        String backUrl = product.get("images").get(1).asText();
        assertEquals(frontUrl, product.get("image_url").asText(), "the first picture is the primary one");
        try (AwsClients aws = stack.awsClients()) {
            String key = aws.s3().listObjectsV2(r -> r.bucket("camel-shop-goods").prefix("products/" + productId + "/")).contents().get(0).key();
            assertArrayEquals(guide, aws.s3().getObjectAsBytes(r -> r.bucket("camel-shop-goods").key(key)).asByteArray(), "the file as uploaded");
        }

        // the back picture becomes the primary one
        browser.type("#admin-q", tag);
        browser.click("#product-search button[type=submit]");
        browser.waitUntil(d -> d.findElements(By.cssSelector("#product-rows tr[data-product-id]")).size() == 1);
        browser.click("#product-rows button.edit");
        browser.waitForText("#pf-file-name", "Current file: Field-Guide-" + tag + ".pdf");
        browser.click("#pf-images button.primary-image");
        browser.click("#pf-save");
        browser.waitForText("#status", "Saved " + name);
        JsonNode changed = json(shop.call("GET", "/api/products/" + productId, null, shop.loginAdmin()));
        assertEquals(backUrl, changed.get("image_url").asText());
        assertEquals(backUrl, changed.get("images").get(0).asText());
        assertEquals(frontUrl, changed.get("images").get(1).asText());

        browser.open("/product.html?id=" + productId);
        browser.waitUntil(d -> d.findElements(By.cssSelector("#thumbs button img")).size() == 2);
        for (var thumb : browser.all("#thumbs button img")) {
            browser.waitUntil(d -> ((Number) browser.js("return arguments[0].naturalWidth", thumb)).intValue() > 0);
        }
        browser.screenshot("product-gallery-from-s3");
    }

    private static Path file(String name, byte[] bytes) throws IOException {
        Path file = Path.of("target", "browser-files", name);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    private static byte[] png(int rgb) throws IOException {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(new java.awt.Color(rgb));
        g.fillRect(0, 0, 64, 48);
        g.dispose();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static byte[] pdf() throws IOException {
        try (PDDocument document = new PDDocument(); java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            document.addPage(new PDPage());
            document.save(out);
            return out.toByteArray();
        }
    }
}
