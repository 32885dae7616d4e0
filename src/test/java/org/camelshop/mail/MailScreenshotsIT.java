package org.camelshop.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelshop.catalog.Product;
import org.camelshop.catalog.ProductThumbnails;
import org.camelshop.catalog.SampleCatalog;
import org.camelshop.web.Browser;
import org.junit.jupiter.api.Test;

/**
 * Each mail template rendered with the shop's own PNG logo and artwork thumbnails (drawn as the shop serves them, saved
 * beside the examples) and photographed by the test Chromium at a mail client's width:
 * target/screenshots/mail-<template>.png, to look at; the layout must fit and every picture must load.
 */
class MailScreenshotsIT {

    @Test
    void everyMailFitsAMailClientsWidthWithItsPicturesShown() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "mail-examples", "local")).toAbsolutePath();
        String site = dir.toUri().toString().replaceAll("/$", "");
        Brand brand = new Brand("Camel Shop", site, site + BrandLogo.PATH, "#7a1f2b", "#ffffff", "#1d2330", "#f5f6f8",
                List.of("100 Congress Avenue", "Austin, TX 78701", "United States"), site + "/preferences.html", "usd");
        save(dir, BrandLogo.PATH, new BrandLogo(brand).png().bytes());
        ProductThumbnails thumbnails = new ProductThumbnails();
        for (String picture : List.of(MailRenderingTest.MUG_PICTURE, MailRenderingTest.HOODIE_PICTURE)) {
            String[] parts = picture.split("/"); // /images/art/<id>/<name>
            Product product = SampleCatalog.products().stream().filter(p -> p.productId().equals(parts[3])).findFirst().orElseThrow();
            save(dir, picture, thumbnails.png(product, parts[4]).bytes());
        }
        Map<String, MailRenderingTest.Rendered> examples;
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.start();
            examples = MailRenderingTest.examples(camel.createProducerTemplate(), brand);
        }
        try (Browser browser = Browser.start(dir.toUri().toString())) {
            browser.width(640, 1800);
            for (var example : examples.entrySet()) {
                Files.writeString(dir.resolve(example.getKey() + ".html"), example.getValue().html());
                browser.driver().get(dir.resolve(example.getKey() + ".html").toUri().toString());
                // the open pixel of a marketing mail (1 x 1, on the shop) aside, every picture loads: the logo and the thumbnails
                assertEquals(Boolean.TRUE, browser.js("const pictures = [...document.images].filter((i) => i.width > 1);"
                        + "return pictures.length > 0 && pictures.every((i) => i.complete && i.naturalWidth > 0)"), example.getKey() + ": the pictures load");
                Number overflow = (Number) browser.js("return document.documentElement.scrollWidth - window.innerWidth");
                assertTrue(overflow.intValue() <= 0, example.getKey() + " is wider than 640 px by " + overflow);
                Number height = (Number) browser.js("return Math.ceil(document.body.getBoundingClientRect().height)");
                browser.width(640, height.intValue()); // the whole mail, no empty page below it
                browser.screenshot("mail-" + example.getKey());
                browser.width(640, 1800);
            }
        }
    }

    private static void save(Path dir, String sitePath, byte[] bytes) throws java.io.IOException {
        Path file = dir.resolve(sitePath.substring(1));
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }
}
